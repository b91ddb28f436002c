import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedPostgresError, OWN_DATABASE } from './embedded-postgres-error.ts';

const run = promisify(execFile);

/** The user the server runs as; uid and gid are set only when that is not this process's user. */
export interface ServerAccount {
  name: string;
  uid?: number;
  gid?: number;
}

export const SERVER_USER = 'postgres';

export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

export function currentAccount(): ServerAccount {
  return { name: userInfo().username };
}

/**
 * PostgreSQL refuses to run as root; as root the server runs as the `postgres` system user, created
 * when missing (on a machine with a system PostgreSQL it already exists).
 */
export async function postgresSystemAccount(): Promise<ServerAccount> {
  const existing = await lookUp(SERVER_USER);
  if (existing) return existing;
  try {
    // A `postgres` group left without its user makes --user-group fail: join it instead.
    const group = (await run('getent', ['group', SERVER_USER]).catch(() => undefined)) ? ['-g', SERVER_USER] : ['-U'];
    await run(toolPath('useradd'), [
      '-r',
      ...group,
      '-M',
      '-d',
      '/nonexistent',
      '-s',
      '/usr/sbin/nologin',
      SERVER_USER,
    ]);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `PostgreSQL refuses to run as root and no "${SERVER_USER}" user could be created to run it ` +
        `(${firstLine(error)}): create one (useradd -r ${SERVER_USER}), run npm as a normal user, ${OWN_DATABASE}.`,
    );
  }
  const created = await lookUp(SERVER_USER);
  if (!created) throw new EmbeddedPostgresError(`useradd made no "${SERVER_USER}" user: create one, ${OWN_DATABASE}.`);
  return created;
}

/** As root, an existing cluster runs as the user who owns it (a cluster made by an earlier version in place, say). */
export async function ownerOf(clusterDir: string): Promise<ServerAccount> {
  const { uid, gid } = await stat(clusterDir);
  return { name: `uid ${uid}`, uid, gid };
}

async function lookUp(name: string): Promise<ServerAccount | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { name, uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    return undefined;
  }
}

/** useradd lives in sbin, which a root shell's PATH may lack (su without -, some CI images). */
function toolPath(tool: string): string {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin'];
  return dirs.map((dir) => path.join(dir, tool)).find((candidate) => existsSync(candidate)) ?? tool;
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  return (stderr || (error instanceof Error ? error.message : String(error))).split('\n')[0] ?? '';
}
