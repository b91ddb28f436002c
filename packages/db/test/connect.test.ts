import { once } from 'node:events';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@anb/testing/database';
import { createDatabase, createPool } from '../src/connect.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase(2);
});
afterAll(() => testDb.drop());

describe('a connection the server drops while it is checked out between statements', () => {
  it('is heard by the pool (no uncaught error), and the pool serves the next statement on a new connection', async () => {
    const pool = createPool({ connectionString: testDb.connectionString, poolMax: 2 });
    try {
      const client = await pool.connect();
      // Checked out, as a transaction holds it between its statements: the pool's idle listener is gone.
      expect(client.listenerCount('error')).toBeGreaterThan(0);
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      const dropped = once(client, 'error');

      await sql`select pg_terminate_backend(${rows[0]?.pid}, 5000)`.execute(testDb.db);
      await dropped;
      client.release(true);

      const again = await pool.query<{ one: number }>('select 1 as one');
      expect(again.rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it('fails the transaction that held it, and the database serves the next one', async () => {
    const db = createDatabase({ connectionString: testDb.connectionString, poolMax: 1 });
    try {
      const failed = db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await sql`select pg_terminate_backend(${rows[0]?.pid}, 5000)`.execute(testDb.db);
        await sql`select 1`.execute(trx);
      });
      await expect(failed).rejects.toThrow();

      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await db.destroy();
    }
  });
});
