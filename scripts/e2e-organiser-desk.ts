/**
 * The test's organiser desk for Newman: `POST /organisers?email=EMAIL` makes that account an organiser with the
 * admin program (`npm run admin -- grant-organiser EMAIL`) against the stack under test, and answers
 * 200 `{"line"}` with the line it printed, or 500 `{"error"}` with what it wrote to stderr. Newman cannot run a
 * command, and the role is given only there. Listens on 127.0.0.1 only.
 *
 * - A local stack of `npm run e2e`: `node apps/admin/src/main.ts grant-organiser EMAIL` with the stack's DATA_DIR
 *   and no DATABASE_URL, so the program attaches to the embedded PostgreSQL the running server started.
 * - A deployment (`--base-url`): the shell command prefix in E2E_ADMIN_COMMAND (CI: `bash docker/stack.sh admin
 *   grant-organiser`), the e-mail appended as one quoted argument, run from the repository's root.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { repoRoot } from '@anb/testing/stack';

export interface OrganiserDesk {
  url: string;
  close(): Promise<void>;
}

/** Where the admin program runs: the embedded database of a local stack, or a command for a deployment. */
export type AdminTarget = { dataDir: string } | { command: string };

/** Under newman's 60 s request timeout: a container exec on a busy machine takes seconds, not minutes. */
const COMMAND_TIMEOUT_MS = 50_000;

/** One argument for `sh -c`, whatever it holds. */
export const shellQuote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

function grantOrganiser(target: AdminTarget, email: string): Promise<{ ok: boolean; output: string }> {
  let file: string;
  let args: string[];
  const env: NodeJS.ProcessEnv = { ...process.env };
  if ('dataDir' in target) {
    file = process.execPath;
    args = [path.join(repoRoot, 'apps/admin/src/main.ts'), 'grant-organiser', email];
    env.DATA_DIR = target.dataDir;
    delete env.DATABASE_URL;
  } else {
    file = '/bin/sh';
    args = ['-c', `${target.command} ${shellQuote(email)}`];
  }
  return new Promise((resolve) => {
    execFile(file, args, { cwd: repoRoot, env, timeout: COMMAND_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true, output: stdout.trim() });
      const reason = error.killed ? `no answer in ${COMMAND_TIMEOUT_MS / 1000} s` : `exit code ${String(error.code)}`;
      resolve({ ok: false, output: stderr.trim() || `${reason}: ${error.message}` });
    });
  });
}

export async function serveOrganiserDesk(target: AdminTarget): Promise<OrganiserDesk> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://desk');
    const email = url.searchParams.get('email');
    const answer = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    request.resume();
    if (request.method !== 'POST' || url.pathname !== '/organisers') return answer(404, { error: 'POST /organisers' });
    if (!email) return answer(400, { error: 'email is required' });
    grantOrganiser(target, email).then(({ ok, output }) =>
      ok ? answer(200, { line: output }) : answer(500, { error: output }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
