import { sql, type Kysely } from 'kysely';
import type { VoteOutcome, VoteRepository } from '@anb/core';
import type { Database } from '../database.ts';

export class PostgresVoteRepository implements VoteRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /**
   * One statement, hence one transaction and one round trip, committed synchronously: once it answers
   * 'counted' the vote survives a crash. The primary key of `votes` lets exactly one of two concurrent
   * identical votes insert. Only rows of this vote are written — no counter row — so votes on one
   * popular video never wait for each other's commits (ADR 26); the tally adds them to the counters.
   * `player_voters` remembers that this person voted for this player, so the ranking counts them once.
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
      ), first_for_player as (
        insert into player_voters (player_id, voter_id)
        select owner_id, ${voterId} from target where exists (select from inserted)
        on conflict do nothing
        returning player_id
      ), queued as (
        insert into uncounted_votes (video_id, player_id, first_for_player)
        select inserted.video_id, target.owner_id, exists (select from first_for_player)
        from inserted cross join target
        returning id
      )
      select (select owner_id from target) as owner_id, (select count(*)::int from queued) as inserted
    `.execute(this.#db);
    const row = rows[0];
    if (!row?.owner_id) return 'not_found';
    if (row.owner_id === voterId) return 'own_video';
    return row.inserted === 1 ? 'counted' : 'duplicate';
  }
}
