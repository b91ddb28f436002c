import { readdir, realpath, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedPostgresError, OWN_DATABASE } from './embedded-postgres-error.ts';

/**
 * `DATA_DIR/postgres`: the cluster itself, or (made as root) a link to it in the system folder.
 * Either way the data folder names its cluster, and a new data folder gets a new one.
 */
export function clusterPlace(dataDir: string): string {
  return path.join(dataDir, 'postgres');
}

/**
 * The real folder of the data folder's initialised cluster, or undefined when there is none yet. Refuses,
 * in one sentence, a cluster the server could not run: another user's, or root's own.
 */
export async function existingCluster(dataDir: string, asRoot: boolean): Promise<string | undefined> {
  const place = clusterPlace(dataDir);
  let pgdata: string;
  try {
    pgdata = await realpath(place);
    await stat(path.join(pgdata, 'PG_VERSION'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw notYours(place, (error as NodeJS.ErrnoException).code);
  }
  const owner = (await stat(pgdata)).uid;
  if (asRoot && owner === 0) {
    throw new EmbeddedPostgresError(
      `The embedded database in ${pgdata} belongs to root, and PostgreSQL refuses to run as root: ` +
        `give it to the postgres user (chown -R postgres ${pgdata}), ${OWN_DATABASE}.`,
    );
  }
  if (!asRoot && owner !== process.getuid?.()) throw notYours(place, `owned by uid ${owner}`);
  return pgdata;
}

/**
 * Clears the way for a new cluster: a link left pointing nowhere, or an empty folder. Anything else is
 * someone's files, which are not ours to remove.
 */
export async function clearPlace(place: string): Promise<void> {
  const entries = await readdir(place).catch((error: NodeJS.ErrnoException) => {
    // A link whose cluster was removed is not a folder (ENOENT through it); plain absence is fine too.
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
    throw error;
  });
  if (entries.length > 0) {
    throw new EmbeddedPostgresError(
      `${place} holds files but no PostgreSQL cluster (no PG_VERSION): move it away so a new one can be made there, ${OWN_DATABASE}.`,
    );
  }
  await rm(place, { recursive: true, force: true });
}

function notYours(place: string, cause: string | undefined): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    `The embedded database ${place} was made by another user and is not this user's to run (${cause}): ` +
      `start as that user, or set DATA_DIR to a folder of your own, ${OWN_DATABASE}.`,
  );
}
