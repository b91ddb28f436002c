import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { AttemptCount, AttemptCounter } from '@anb/core';
import type { Database } from '../database.ts';

/**
 * The rate-limit counters in PostgreSQL (`rate_limit_hits`, unlogged), shared by every API process. Each counted
 * attempt is one upsert: no read-then-write race between processes, one round trip.
 */
export class PostgresAttemptCounter implements AttemptCounter {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async count(key: string, windowMs: number): Promise<AttemptCount> {
    const { rows } = await sql<{ hits: number; ms_left: number }>`
      insert into rate_limit_hits as counted (key, hits, window_ends_at)
      values (${storedKey(key, windowMs)}, 1, now() + ${windowMs}::integer * interval '1 millisecond')
      on conflict (key) do update set
        hits = case when counted.window_ends_at <= now() then 1 else counted.hits + 1 end,
        window_ends_at = case
          when counted.window_ends_at <= now() then excluded.window_ends_at
          else counted.window_ends_at
        end
      returning hits, ceil(extract(epoch from window_ends_at - now()) * 1000)::integer as ms_left
    `.execute(this.#db);
    const [row] = rows as [{ hits: number; ms_left: number }];
    return { attempts: row.hits, windowEndsInMs: row.ms_left };
  }

  async removeEnded(): Promise<number> {
    const result = await sql`delete from rate_limit_hits where window_ends_at <= now()`.execute(this.#db);
    return Number(result.numAffectedRows ?? 0);
  }
}

/**
 * Keys hold e-mails and mailed link tokens: only their digest is stored. The window is part of the key, so two
 * limits that happen to count the same thing over different windows never share a row.
 */
function storedKey(key: string, windowMs: number): string {
  return createHash('sha256').update(`${windowMs}|${key}`).digest('base64url');
}
