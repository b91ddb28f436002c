import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '@anb/config';
import { PostgresJobQueue } from '@anb/queue';
import { PROCESS_VIDEO_QUEUE, type Runtime } from '@anb/runtime';
import { LocalObjectStore } from '@anb/storage';
import { createTestDatabase, type TestDatabase } from '../../../../packages/db/test-support/test-database.ts';
import { createApi } from '../../src/create-api.ts';

export interface TestApi {
  app: FastifyInstance;
  runtime: Runtime;
  testDb: TestDatabase;
  dataDir: string;
  /** Files under the data folder (objects and temporary uploads), relative to it. */
  filesOnDisk(): Promise<string[]>;
  queuedVideoIds(): Promise<string[]>;
  close(): Promise<void>;
}

/** The real app over a database of its own, local-disk objects in a temporary folder and the PostgreSQL queue. */
export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const config: Config = loadConfig({ BCRYPT_COST: '4', RATE_LIMIT_AUTH_MAX: '10000', ...env });
  const testDb = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'anb-api-test-'));
  const tmpDir = path.join(dataDir, 'tmp');
  const localStore = new LocalObjectStore({
    rootDir: path.join(dataDir, 'objects'),
    signingSecret: randomBytes(32).toString('hex'),
  });
  const queue = new PostgresJobQueue({
    db: testDb.db,
    queue: PROCESS_VIDEO_QUEUE,
    visibilityTimeoutSeconds: config.QUEUE_VISIBILITY_TIMEOUT,
    maxReceives: config.QUEUE_MAX_RECEIVES,
  });
  await mkdir(tmpDir, { recursive: true });
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
  const app = await createApi(config, runtime);
  await app.ready();
  return {
    app,
    runtime,
    testDb,
    dataDir,
    filesOnDisk: () => listFiles(dataDir),
    queuedVideoIds: async () => {
      const rows = await testDb.db.selectFrom('queue_messages').select('body').orderBy('id').execute();
      return rows.map((row) => (row.body as { videoId: string }).videoId);
    },
    close: async () => {
      await app.close();
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
    .sort();
}
