import { sql, type Kysely } from 'kysely';
import type { VoteOutcome, VoteRepository } from '@anb/core';
import type { Database } from '../database.ts';

export class PostgresVoteRepository implements VoteRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /**
   * One statement, hence one transaction and one round trip: the primary key of `votes`
   * lets exactly one of two concurrent identical votes insert, and only an inserted vote
   * moves the video's and the player's counters.
   *
   * Votes on one popular video all update the same two rows, so each vote waits for the row locks
   * of the one before it, and those locks are held until the commit is on disk. The statement turns
   * off the wait for the WAL flush for its own transaction only (`set_config(..., true)`): the locks
   * go as soon as the commit is recorded, so a hot video takes votes at CPU speed instead of one
   * fsync each. The cost: a crash of the database server may lose the votes of its last moments
   * (never half a vote: the vote row and both counters stay one transaction). Uploads, signups and
   * everything else keep synchronous commits.
   */
  async castVote(videoId: string, voterId: string): Promise<VoteOutcome> {
    const { rows } = await sql<{ owner_id: string | null; inserted: number; commit_mode: string }>`
      with target as (
        select id, owner_id from videos where id = ${videoId} and status = 'processed'
      ), inserted as (
        insert into votes (video_id, user_id)
        select id, ${voterId} from target where owner_id <> ${voterId}
        on conflict do nothing
        returning video_id
      ), counted_video as (
        update videos set votes = votes + 1 where id in (select video_id from inserted) returning owner_id
      ), counted_player as (
        update users set votes_received = votes_received + 1 where id in (select owner_id from counted_video) returning id
      )
      select (select owner_id from target) as owner_id, (select count(*)::int from counted_player) as inserted,
        set_config('synchronous_commit', 'off', true) as commit_mode
    `.execute(this.#db);
    const row = rows[0];
    if (!row?.owner_id) return 'not_found';
    if (row.owner_id === voterId) return 'own_video';
    return row.inserted === 1 ? 'counted' : 'duplicate';
  }
}
