import { sql, type Kysely } from 'kysely';

/**
 * Rate-limit counters shared by every API process (docs/adr/0027-shared-attempt-limits.md), and the
 * unfinished resumable uploads of each player.
 *
 * `rate_limit_hits` is unlogged: no write-ahead log per counted attempt, and a crash empties it, which only
 * gives every client a fresh window. One row per key, its window starting at the key's first attempt.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create unlogged table rate_limit_hits (
      key text primary key,
      hits integer not null,
      window_ends_at timestamptz not null
    );
    create index rate_limit_hits_window_ends_idx on rate_limit_hits (window_ends_at);

    create table unfinished_uploads (
      id text primary key,
      owner_id uuid not null references users (id) on delete cascade,
      expires_at timestamptz not null
    );
    create index unfinished_uploads_owner_idx on unfinished_uploads (owner_id, expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table unfinished_uploads, rate_limit_hits`.execute(db);
}
