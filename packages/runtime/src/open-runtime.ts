import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Config } from '@anb/config';
import type { JobQueue, ObjectStore } from '@anb/core';
import { createDatabase, migrateToLatest, pingDatabase, startEmbeddedPostgres, type Database } from '@anb/db';
import { PostgresJobQueue } from '@anb/queue';
import { LocalObjectStore } from '@anb/storage';
import { s3ObjectStoreFor, sqsJobQueueFor } from './aws-adapters.ts';
import { configuredOrPersistedSecret } from './secrets.ts';
import { abandonedUploadAfterMs, isPartialUpload, sweepStaleFiles } from './sweep-stale-files.ts';

export const PROCESS_VIDEO_QUEUE = 'process-video';

export interface DependencyCheck {
  name: string;
  check(): Promise<void>;
}

export interface Runtime {
  db: Kysely<Database>;
  store: ObjectStore;
  /** Set when objects live on local disk: the API serves them. */
  localStore: LocalObjectStore | undefined;
  queue: JobQueue;
  jwtSecret: string;
  /** Scratch space on the same disk as local objects, so storing an upload is a rename. */
  tmpDir: string;
  readiness: DependencyCheck[];
  close(): Promise<void>;
}

/**
 * Opens what the configuration chooses: the database (embedded unless DATABASE_URL is set,
 * migrated to the latest schema), the object store and the queue.
 */
export async function openRuntime(config: Config, log: (message: string) => void): Promise<Runtime> {
  const dataDir = path.resolve(config.DATA_DIR);
  const tmpDir = path.join(dataDir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  for (const scratch of [tmpDir, path.join(dataDir, 'work')]) {
    const removed = await sweepStaleFiles(scratch);
    if (removed.length > 0) log(`removed ${removed.length} stale scratch entries from ${scratch}`);
  }
  // Partial uploads of a killed process (this host's or a restarted container's) go within minutes.
  const abandonedAfterMs = abandonedUploadAfterMs(config.UPLOAD_IDLE_TIMEOUT);
  const sweepAbandonedUploads = async () => {
    const removed = await sweepStaleFiles(tmpDir, Date.now(), abandonedAfterMs, isPartialUpload).catch(() => []);
    if (removed.length > 0) log(`removed ${removed.length} abandoned partial uploads from ${tmpDir}`);
  };
  await sweepAbandonedUploads();
  const uploadSweeper = setInterval(() => void sweepAbandonedUploads(), abandonedAfterMs);
  uploadSweeper.unref();

  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(dataDir);
  // Logged in full, password included, so a second process can join it (DATABASE_URL=… PORT=… npm start):
  // the embedded server listens on 127.0.0.1 only.
  if (embedded) {
    log(
      `embedded PostgreSQL started (data in ${path.join(dataDir, 'postgres')}; DATABASE_URL=${embedded.connectionString})`,
    );
  }
  const connectionString = config.DATABASE_URL ?? (embedded as { connectionString: string }).connectionString;
  const db = createDatabase({ connectionString, poolMax: config.DATABASE_POOL_MAX });
  try {
    // Off in production: the deploy runs the migration step (apps/api/src/migrate.ts) before new tasks start.
    const applied = config.MIGRATE_ON_BOOT ? await migrateToLatest(db) : [];
    if (applied.length > 0) log(`database migrated: ${applied.join(', ')}`);

    const localStore =
      config.STORAGE === 'local'
        ? new LocalObjectStore({
            rootDir: path.join(dataDir, 'objects'),
            signingSecret: await configuredOrPersistedSecret(config.MEDIA_URL_SECRET, dataDir, 'media-url.key'),
          })
        : undefined;
    // The API serves local objects from this folder, so it must exist before the first upload.
    await localStore?.ping();
    const store: ObjectStore = localStore ?? (await s3ObjectStoreFor(config));

    const queue: JobQueue =
      config.QUEUE === 'postgres'
        ? new PostgresJobQueue({
            db,
            queue: PROCESS_VIDEO_QUEUE,
            visibilityTimeoutSeconds: config.QUEUE_VISIBILITY_TIMEOUT,
            maxReceives: config.QUEUE_MAX_RECEIVES,
            createListenerClient: () => new pg.Client({ connectionString }),
          })
        : await sqsJobQueueFor(config);

    return {
      db,
      store,
      localStore,
      queue,
      jwtSecret: await configuredOrPersistedSecret(config.JWT_SECRET, dataDir, 'jwt.key'),
      tmpDir,
      readiness: [
        { name: 'database', check: () => pingDatabase(db) },
        { name: 'storage', check: () => store.ping() },
        { name: 'queue', check: () => queue.ping() },
      ],
      close: async () => {
        clearInterval(uploadSweeper);
        await db.destroy();
        await embedded?.stop();
      },
    };
  } catch (error) {
    clearInterval(uploadSweeper);
    await db.destroy();
    await embedded?.stop();
    throw error;
  }
}
