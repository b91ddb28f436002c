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
   */
  async castVote(videoId: string, voterId: string): Promise<VoteOutcome> {
    const { rows } = await sql<{ owner_id: string | null; inserted: number }>`
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
      select (select owner_id from target) as owner_id, (select count(*)::int from counted_player) as inserted
    `.execute(this.#db);
    const row = rows[0];
    if (!row?.owner_id) return 'not_found';
    if (row.owner_id === voterId) return 'own_video';
    return row.inserted === 1 ? 'counted' : 'duplicate';
  }
}
