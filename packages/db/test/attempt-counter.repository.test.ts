import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@anb/testing/database';
import { insertPlayer } from '@anb/testing/rows';
import { PostgresAttemptCounter, PostgresUnfinishedUploadRepository } from '../src/index.ts';

let testDb: TestDatabase;
let counter: PostgresAttemptCounter;
let uploads: PostgresUnfinishedUploadRepository;
beforeAll(async () => {
  testDb = await createTestDatabase(20);
  counter = new PostgresAttemptCounter(testDb.db);
  uploads = new PostgresUnfinishedUploadRepository(testDb.db);
});
afterAll(() => testDb.drop());

const MINUTE = 60_000;
/** Ends every window now, as if its time had gone by (no waiting in tests). */
const endWindows = () =>
  sql`update rate_limit_hits set window_ends_at = now() - interval '1 second'`.execute(testDb.db);

describe('PostgresAttemptCounter', () => {
  it('counts attempts per key within the window that the first attempt started', async () => {
    expect(await counter.count('login|a', MINUTE)).toMatchObject({ attempts: 1 });
    expect(await counter.count('login|b', MINUTE)).toMatchObject({ attempts: 1 });
    const third = await counter.count('login|a', MINUTE);
    expect(third.attempts).toBe(2);
    expect(third.windowEndsInMs).toBeGreaterThan(0);
    expect(third.windowEndsInMs).toBeLessThanOrEqual(MINUTE);
    // The same key over another window is another limit.
    expect(await counter.count('login|a', 2 * MINUTE)).toMatchObject({ attempts: 1 });
  });

  it('loses no attempt when many arrive at once (one upsert each, no read-then-write)', async () => {
    const counts = await Promise.all(Array.from({ length: 40 }, () => counter.count('burst', MINUTE)));
    expect(counts.map((count) => count.attempts).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  it('starts again once the window has ended, and the sweep forgets ended windows', async () => {
    await counter.count('signup|c', MINUTE);
    await counter.count('signup|c', MINUTE);
    await endWindows();
    expect(await counter.count('signup|c', MINUTE)).toMatchObject({ attempts: 1 });

    await endWindows();
    expect(await counter.removeEnded()).toBeGreaterThan(0);
    const { rows } = await sql<{ left: number }>`select count(*)::integer as left from rate_limit_hits`.execute(
      testDb.db,
    );
    expect(rows[0]?.left).toBe(0);
  });

  it('stores no key in the clear (they hold e-mails and mailed tokens)', async () => {
    await counter.count('forgot|ana@example.com', MINUTE);
    const { rows } = await sql<{ key: string }>`select key from rate_limit_hits`.execute(testDb.db);
    expect(rows.some((row) => row.key.includes('ana@example.com'))).toBe(false);
  });
});

describe('PostgresUnfinishedUploadRepository', () => {
  const tomorrow = () => new Date(Date.now() + 24 * 60 * MINUTE);

  it('gives a player at most `max` places; a released or expired upload frees its place', async () => {
    const owner = await insertPlayer(testDb.db);
    const take = (id: string, expiresAt = tomorrow()) => uploads.reserve({ id, ownerId: owner, expiresAt }, 2);
    expect(await take('u1')).toBe(true);
    expect(await take('u2', new Date(Date.now() - 1000))).toBe(true);
    // u2 has already expired: its place is free.
    expect(await take('u3')).toBe(true);
    expect(await take('u4')).toBe(false);
    // Another player is not affected.
    expect(await uploads.reserve({ id: 'v1', ownerId: await insertPlayer(testDb.db), expiresAt: tomorrow() }, 2)).toBe(
      true,
    );

    await uploads.release('u1');
    expect(await take('u5')).toBe(true);
    expect(await take('u6')).toBe(false);
  });

  it('never passes the limit when one player creates many uploads at once', async () => {
    const owner = await insertPlayer(testDb.db);
    const taken = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        uploads.reserve({ id: `at-once-${i}`, ownerId: owner, expiresAt: tomorrow() }, 3),
      ),
    );
    expect(taken.filter(Boolean)).toHaveLength(3);
  });
});
