import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { PostgresBinaries } from './binaries.ts';
import { EmbeddedPostgresError, OWN_DATABASE } from './embedded-postgres-error.ts';
import type { ServerAccount } from './server-account.ts';

export interface RunAs {
  account: ServerAccount;
  /** A folder the account can enter: the caller's working directory may be private to its own user. */
  cwd: string;
  log: (line: string) => void;
}

export interface ServerProcess {
  /** Fast shutdown (SIGINT), resolved when the server has exited. */
  stop(): Promise<void>;
  /** The same signal, synchronously, for a process 'exit' listener. */
  signalStop(): void;
}

/** Creates a cluster in `pgdata` with one superuser, `postgres`, whose password is the first line of `passwordFile`. */
export async function runInitdb(
  binaries: PostgresBinaries,
  pgdata: string,
  passwordFile: string,
  runAs: RunAs,
): Promise<void> {
  const child = spawnAs(
    binaries.initdb,
    [
      `--pgdata=${pgdata}`,
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
    ],
    runAs,
  );
  const lines = collectLines(child, runAs.log);
  const [code] = await once(child, 'close').catch((error: NodeJS.ErrnoException) => {
    throw cannotRun(binaries.initdb, runAs.account, error);
  });
  if (code !== 0) {
    throw new EmbeddedPostgresError(
      `PostgreSQL's initdb could not create the embedded database in ${pgdata} (${problemIn(lines) ?? `exit code ${code}`}): ` +
        `fix that, ${OWN_DATABASE}.`,
    );
  }
}

/** Starts the server on 127.0.0.1:`port` (no Unix socket), resolved once it accepts connections. */
export async function startServer(
  binaries: PostgresBinaries,
  pgdata: string,
  port: number,
  runAs: RunAs,
): Promise<ServerProcess> {
  const child = spawnAs(
    binaries.postgres,
    [
      ...['-D', pgdata, '-p', String(port)],
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      // English messages, whatever locale the cluster was made with: readiness is read from them.
      ...['-c', 'lc_messages=C'],
    ],
    runAs,
  );
  const lines = collectLines(child, runAs.log);
  await new Promise<void>((resolve, reject) => {
    lines.onLine = (line) => {
      if (line.includes('database system is ready to accept connections')) resolve();
    };
    child.once('error', (error) => reject(cannotRun(binaries.postgres, runAs.account, error)));
    // 'close', not 'exit': by then its last lines, which say why, have been read.
    child.once('close', (code, signal) =>
      reject(
        new EmbeddedPostgresError(
          `The embedded PostgreSQL in ${pgdata} stopped as it started (${problemIn(lines) ?? `exit ${code ?? signal}`}): ` +
            `fix that, ${OWN_DATABASE}.`,
        ),
      ),
    );
  });
  return {
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      await exited;
    },
    signalStop: () => void child.kill('SIGINT'),
  };
}

function spawnAs(binary: string, args: string[], { account, cwd }: RunAs): ChildProcess {
  return spawn(binary, args, {
    cwd,
    uid: account.uid,
    gid: account.gid,
    env: { ...process.env, LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

interface Lines {
  /** The last lines written, for the reason of a failure. */
  recent: string[];
  onLine?: (line: string) => void;
}

/** Reads the child's output to its end (a full pipe would stall the server), logging each line. */
function collectLines(child: ChildProcess, log: (line: string) => void): Lines {
  const lines: Lines = { recent: [] };
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      log(line);
      lines.recent = [...lines.recent.slice(-49), line];
      lines.onLine?.(line);
    });
  }
  return lines;
}

/** The first line saying what went wrong, without its timestamp and process prefix. */
function problemIn({ recent }: Lines): string | undefined {
  for (const line of recent) {
    const match = /\b(?:FATAL|PANIC|ERROR|error):\s+(.*)$/.exec(line);
    if (match) return match[1]?.trim();
  }
  return undefined;
}

function cannotRun(binary: string, account: ServerAccount, error: NodeJS.ErrnoException): EmbeddedPostgresError {
  const fix =
    error.code === 'EACCES'
      ? `it must be executable by ${account.name}: run npm ci as that user`
      : 'run npm ci to install it again';
  return new EmbeddedPostgresError(`Cannot run ${binary} (${error.code ?? error.message}): ${fix}, ${OWN_DATABASE}.`);
}
