import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PostgresBinaries } from './binaries.ts';
import { clearPlace, clusterPlace } from './cluster-location.ts';
import type { ServerAccount } from './server-account.ts';
import { runInitdb } from './server-process.ts';
import { DATA_DIR_NOTE, systemClustersDir } from './system-clusters.ts';

interface NewCluster {
  binaries: PostgresBinaries;
  password: string;
  account: ServerAccount;
  log: (line: string) => void;
}

/**
 * A new cluster at `DATA_DIR/postgres`, owned by this process's user. initdb writes into a staging folder
 * renamed at the end, so a start killed half-way leaves no half-made cluster in place.
 */
export async function initialiseInPlace(dataDir: string, cluster: NewCluster): Promise<string> {
  const place = clusterPlace(dataDir);
  await clearPlace(place);
  const staging = `${place}.initdb`;
  await rm(staging, { recursive: true, force: true });
  const passwordFile = path.join(dataDir, 'postgres.initdb-password');
  await writeFile(passwordFile, `${cluster.password}\n`, { mode: 0o600 });
  try {
    await runInitdb(cluster.binaries, staging, passwordFile, { ...cluster, cwd: dataDir });
  } finally {
    await rm(passwordFile, { force: true });
  }
  await rename(staging, place);
  return place;
}

/**
 * As root: a new cluster in the system folder, owned by the server's account, which reaches it whatever the
 * data folder's parents allow; `DATA_DIR/postgres` links to it, and a note beside it names the data folder,
 * so a cluster whose data folder is gone can be told apart and removed (sweepOrphanedClusters).
 */
export async function initialiseInSystemDir(dataDir: string, systemDir: string, cluster: NewCluster): Promise<string> {
  const place = clusterPlace(dataDir);
  await clearPlace(place);
  const home = path.join(systemClustersDir(systemDir), randomBytes(8).toString('hex'));
  await mkdir(home, { recursive: true });
  await chmod(home, 0o755);
  const staging = path.join(home, 'pgdata.initdb');
  await mkdir(staging, { mode: 0o700 });
  await chown(staging, cluster.account.uid ?? -1, cluster.account.gid ?? -1);
  const passwordFile = path.join(home, 'initdb-password');
  await writeFile(passwordFile, `${cluster.password}\n`, { mode: 0o600 });
  await chown(passwordFile, cluster.account.uid ?? -1, cluster.account.gid ?? -1);
  try {
    await runInitdb(cluster.binaries, staging, passwordFile, { ...cluster, cwd: home });
  } catch (error) {
    await rm(home, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(passwordFile, { force: true });
  }
  const pgdata = path.join(home, 'pgdata');
  await rename(staging, pgdata);
  await symlink(pgdata, place);
  await writeFile(path.join(home, DATA_DIR_NOTE), dataDir);
  return pgdata;
}
