import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig, type Config } from '@anb/config';
import { PostgresJobQueue } from '@anb/queue';
import { LocalObjectStore } from '@anb/storage';
import { PROCESS_VIDEO_QUEUE, type Runtime } from '@anb/runtime';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface TestRuntime {
  config: Config;
  runtime: Runtime;
  testDb: TestDatabase;
  dataDir: string;
  /** Files under the data folder (objects, temporary uploads, scratch), relative to it; mail written there is not counted. */
  filesOnDisk(): Promise<string[]>;
  /** Bodies of the messages still in the queue table, oldest first. */
  queuedVideoIds(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * The embedded-default runtime for tests: a database of its own, local-disk objects in a
 * temporary data folder, and the PostgreSQL queue — real adapters, nothing stubbed.
 */
export async function createTestRuntime(env: Record<string, string> = {}): Promise<TestRuntime> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'anb-test-data-'));
  // Tests write rows behind the API's back and read them at once: no shared public answers unless a test asks.
  const config = loadConfig({
    BCRYPT_COST: '4',
    RATE_LIMIT_AUTH_MAX: '10000',
    PUBLIC_READ_FRESH_MS: '0',
    DATA_DIR: dataDir,
    ...env,
  });
  const testDb = await createTestDatabase();
  const tmpDir = path.join(dataDir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const localStore = new LocalObjectStore({
    rootDir: path.join(dataDir, 'objects'),
    signingSecret: randomBytes(32).toString('hex'),
  });
  await localStore.ping();
  const queue = new PostgresJobQueue({
    db: testDb.db,
    queue: PROCESS_VIDEO_QUEUE,
    visibilityTimeoutSeconds: config.QUEUE_VISIBILITY_TIMEOUT,
    maxReceives: config.QUEUE_MAX_RECEIVES,
    createListenerClient: () => new pg.Client({ connectionString: testDb.connectionString }),
  });
  const runtime: Runtime = {
    db: testDb.db,
    store: localStore,
    localStore,
    queue,
    jwtSecret: randomBytes(32).toString('hex'),
    tmpDir,
    readiness: [
      { name: 'database', check: async () => void (await sql`select 1`.execute(testDb.db)) },
      { name: 'storage', check: () => localStore.ping() },
      { name: 'queue', check: () => queue.ping() },
    ],
    close: async () => {},
  };
  return {
    config,
    runtime,
    testDb,
    dataDir,
    filesOnDisk: () => listFiles(dataDir),
    queuedVideoIds: async () => {
      const rows = await testDb.db.selectFrom('queue_messages').select('body').orderBy('id').execute();
      return rows.map((row) => (row.body as { videoId: string }).videoId);
    },
    close: async () => {
      await testDb.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith(`mail${path.sep}`))
    .sort();
}
