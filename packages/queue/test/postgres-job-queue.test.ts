import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createDatabase, findFreePort, type Database } from '@anb/db';
import { createTestDatabase, type TestDatabase } from '../../db/test-support/test-database.ts';
import { PostgresJobQueue } from '../src/index.ts';
import { describeJobQueueContract } from './job-queue.contract.ts';

let testDb: TestDatabase;
const unreachableDatabases: Kysely<Database>[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase(20);
});
afterAll(async () => {
  await Promise.all(unreachableDatabases.map((db) => db.destroy()));
  await testDb?.drop();
});

describeJobQueueContract('PostgresJobQueue', {
  createQueue: async ({ maxReceives, visibilityTimeoutSeconds }) => {
    const queue = `test-${randomUUID()}`;
    return {
      connect: (overrides) =>
        new PostgresJobQueue({
          db: testDb.db,
          queue,
          maxReceives,
          visibilityTimeoutSeconds,
          // Publishes and releases wake consumers by NOTIFY; this only bounds how late an expired lease is noticed.
          pollIntervalMs: 200,
          createListenerClient: () => new pg.Client({ connectionString: testDb.connectionString }),
          ...overrides,
        }),
    };
  },
  unreachableQueue: async () => {
    const connectionString = `postgres://nobody:nothing@127.0.0.1:${await findFreePort()}/nowhere`;
    const db = createDatabase({ connectionString, poolMax: 1 });
    unreachableDatabases.push(db);
    return new PostgresJobQueue({
      db,
      queue: 'unreachable',
      maxReceives: 3,
      visibilityTimeoutSeconds: 5,
      createListenerClient: () => new pg.Client({ connectionString }),
      backoff: { initialDelayMs: 10, maxDelayMs: 50 },
    });
  },
});
