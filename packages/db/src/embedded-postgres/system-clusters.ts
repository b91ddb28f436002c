import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clusterPlace } from './cluster-location.ts';
import { EmbeddedPostgresError, OWN_DATABASE } from './embedded-postgres-error.ts';
import { serverPid } from './orphaned-server.ts';

/** Where root keeps what the server's own user must reach: the binaries, and the clusters (ADR 22). */
export const SYSTEM_DIR = '/var/lib/anb-rising-stars';

/** The file beside a system cluster naming the data folder it belongs to. */
export const DATA_DIR_NOTE = 'data-dir';

export function systemClustersDir(systemDir: string): string {
  return path.join(systemDir, 'clusters');
}

/** Creates the system folder (root's, readable by all), or says in one sentence why it cannot. */
export async function prepareSystemDir(systemDir: string): Promise<void> {
  try {
    for (const dir of [systemDir, systemClustersDir(systemDir)]) {
      await mkdir(dir, { recursive: true });
      await chmod(dir, 0o755);
    }
  } catch (error) {
    throw new EmbeddedPostgresError(
      `PostgreSQL refuses to run as root, and its files could not be put in ${systemDir}, where the postgres user ` +
        `would reach them (${(error as NodeJS.ErrnoException).code}): run npm as a normal user, ${OWN_DATABASE}.`,
    );
  }
}

/**
 * Removes the system clusters no data folder links to any more: the data folder made a new one, or was
 * removed (a finished test run's). A data folder that is missing outside the temporary folder may be on a
 * disk not mounted now, so its cluster stays; so does one with a live server.
 */
export async function sweepOrphanedClusters(systemDir: string): Promise<void> {
  const clusters = systemClustersDir(systemDir);
  for (const id of await readdir(clusters).catch(() => [])) {
    const home = path.join(clusters, id);
    const dataDir = await readFile(path.join(home, DATA_DIR_NOTE), 'utf8').catch(() => undefined);
    // No note yet: another process is still making it.
    if (dataDir === undefined) continue;
    const pgdata = path.join(home, 'pgdata');
    const linked = (await readlink(clusterPlace(dataDir)).catch(() => undefined)) === pgdata;
    if (linked) continue;
    if (!existsSync(dataDir) && !isInside(dataDir, tmpdir())) continue;
    if ((await serverPid(pgdata)) !== undefined) continue;
    await rm(home, { recursive: true, force: true });
  }
}

/** The system cluster `DATA_DIR/postgres` links to, if it is one. */
export async function linkedSystemCluster(dataDir: string): Promise<string | undefined> {
  const target = await readlink(clusterPlace(dataDir)).catch(() => undefined);
  if (target === undefined || path.basename(target) !== 'pgdata') return undefined;
  const home = path.dirname(target);
  return existsSync(path.join(home, DATA_DIR_NOTE)) ? home : undefined;
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
