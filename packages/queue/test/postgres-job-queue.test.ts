import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDatabase, type Database } from '@anb/db';
import { findFreePort } from '@anb/testing/free-port';
import { createTestDatabase, type TestDatabase } from '@anb/testing/database';
import { LeaseLostError, PostgresJobQueue, type PostgresJobQueueOptions } from '../src/index.ts';
import { describeJobQueueContract } from './job-queue.contract.ts';
import { Consumers, LONGER_THAN_ANY_TEST_SECONDS, newJob, patiently } from './queue-test-kit.ts';

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

describe('PostgresJobQueue beyond the contract', () => {
  const consumers = new Consumers();
  afterEach(() => consumers.stopAll());

  const queueNamed = (queue: string, options: Partial<PostgresJobQueueOptions> = {}) =>
    new PostgresJobQueue({
      db: testDb.db,
      queue,
      maxReceives: 3,
      visibilityTimeoutSeconds: 1,
      createListenerClient: () => new pg.Client({ connectionString: testDb.connectionString }),
      backoff: { initialDelayMs: 10, maxDelayMs: 50 },
      ...options,
    });
  const newQueue = (options: Partial<PostgresJobQueueOptions> = {}) => queueNamed(`test-${randomUUID()}`, options);
  const listenerPids = async () => {
    const { rows } = await sql<{ pid: number }>`
      select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %'
    `.execute(testDb.db);
    return rows.map((row) => row.pid);
  };

  // Idle consumers poll only after a time no test outlives: whatever they receive, NOTIFY woke them for it.
  const idlePollMs = LONGER_THAN_ANY_TEST_SECONDS * 1_000;

  it('wakes an idle consumer by NOTIFY, long before its poll interval', async () => {
    const queue = newQueue({ pollIntervalMs: idlePollMs });
    const consumer = consumers.start(queue);
    await vi.waitFor(async () => expect(await listenerPids()).toHaveLength(1), patiently);

    await queue.publish(newJob());

    await consumer.inbox.received(1);
  });

  it('reconnects its listener after the connection is killed, and is woken by NOTIFY again', async () => {
    const queue = newQueue({ pollIntervalMs: idlePollMs });
    const consumer = consumers.start(queue);
    const [killed] = await vi.waitFor(async () => {
      const pids = await listenerPids();
      expect(pids).toHaveLength(1);
      return pids;
    }, patiently);

    await sql`select pg_terminate_backend(${killed})`.execute(testDb.db);

    await vi.waitFor(
      async () => expect((await listenerPids()).filter((pid) => pid !== killed)).toHaveLength(1),
      patiently,
    );
    expect(consumer.errors.length).toBeGreaterThanOrEqual(1);
    await queue.publish(newJob());
    await consumer.inbox.received(1);
  });

  it('ignores the late success of a consumer whose lease expired: the message stays with its new holder', async () => {
    const queue = `test-${randomUUID()}`;
    const slowHandler = consumers.gate();
    // Neither consumer heartbeats, so the first one's 1 s lease expires while it works.
    const slow = consumers.start(queueNamed(queue, { heartbeatIntervalMs: 60_000 }), () => slowHandler.opened);
    await queueNamed(queue).publish(newJob());
    await slow.inbox.received(1);
    // The new holder's lease outlasts the test: the depth below shows what the late success did, not the clock.
    const next = consumers.start(
      queueNamed(queue, { heartbeatIntervalMs: 60_000, visibilityTimeoutSeconds: LONGER_THAN_ANY_TEST_SECONDS }),
      () => consumers.gate().opened,
    );
    await next.inbox.received(1);

    slowHandler.open();

    await vi.waitFor(() => expect(slow.errors).toEqual([expect.any(LeaseLostError)]), patiently);
    expect(await queueNamed(queue).depth()).toEqual({ visible: 0, inFlight: 1, dead: 0 });
  });

  it('lists dead-lettered messages with their body and receive count', async () => {
    const queue = newQueue({ maxReceives: 1 });
    const job = newJob();
    await queue.publish(job);
    consumers.start(queue, async () => {
      throw new Error('permanent failure');
    });

    const [deadLetter] = await vi.waitFor(async () => {
      const deadLetters = await queue.deadLetters();
      expect(deadLetters).toHaveLength(1);
      return deadLetters;
    }, patiently);
    expect(deadLetter).toMatchObject({ body: job, receiveCount: 1, deadAt: expect.any(Date) });
  });

  it('keeps queues that share the table apart', async () => {
    const videos = newQueue();
    const other = newQueue();
    await videos.publish(newJob());

    expect(await other.depth()).toEqual({ visible: 0, inFlight: 0, dead: 0 });
    expect(await videos.depth()).toEqual({ visible: 1, inFlight: 0, dead: 0 });
  });
});
