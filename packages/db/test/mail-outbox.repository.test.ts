import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@anb/core';
import { createTestDatabase, type TestDatabase } from '@anb/testing/database';
import { PostgresMailOutbox } from '../src/repositories/mail-outbox.repository.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase(10);
});
afterAll(() => testDb.drop());

async function queue(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId());
  await testDb.db
    .insertInto('mail_outbox')
    .values(
      ids.map((id) => ({ id, recipient: `${id}@example.com`, subject: 'Asunto', text_body: 't', html_body: 'h' })),
    )
    .execute();
  return ids;
}

describe('PostgresMailOutbox', () => {
  it('gives each due message to one of several dispatchers claiming at once, counting the attempt', async () => {
    const ids = await queue(30);
    const outbox = new PostgresMailOutbox(testDb.db);
    const claims = await Promise.all(Array.from({ length: 5 }, () => outbox.claimDue(10, 60)));
    const claimed = claims.flat().map((mail) => mail.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    expect(claims.flat().every((mail) => mail.attempts === 1)).toBe(true);
    // Leased: nobody takes them again until the lease ends.
    expect(await outbox.claimDue(100, 60)).toEqual([]);
  });

  it('brings a message back when its retry time comes, and never a sent or failed one', async () => {
    const [retried, sent, failed] = await queue(3);
    const outbox = new PostgresMailOutbox(testDb.db);
    await outbox.claimDue(100, 60);
    await outbox.retryAt(retried!, new Date(Date.now() - 1000), 'timeout');
    await outbox.markSent(sent!);
    await outbox.markFailed(failed!, 'mailbox unavailable');
    const again = await outbox.claimDue(100, 60);
    expect(again.map((mail) => [mail.id, mail.attempts])).toEqual([[retried, 2]]);
    expect(await outbox.removeSent(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
  });
});
