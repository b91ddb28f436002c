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
   * popular video never wait for each other's commits (ADR 26); the tally decides whether it counts and
   * adds it to the counters (ADR 28). Past the contest's voting deadline nothing is written.
   */
  async castVote(videoId: string, voterId: string): Promise<VoteOutcome> {
    const { rows } = await sql<{ owner_id: string | null; closed: boolean; inserted: number }>`
      with closed as (
        select from contest where voting_closes_at <= now()
      ), target as (
        select id, owner_id from videos
        where id = ${videoId} and status = 'processed' and not exists (select from closed)
      ), inserted as (
        insert into votes (video_id, user_id)
        select id, ${voterId} from target where owner_id <> ${voterId}
        on conflict do nothing
        returning video_id
      ), queued as (
        insert into uncounted_votes (video_id, voter_id)
        select video_id, ${voterId} from inserted
        returning id
      )
      select (select owner_id from target) as owner_id, exists (select from closed) as closed,
        (select count(*)::int from queued) as inserted
    `.execute(this.#db);
    const row = rows[0];
    if (row?.closed) return 'voting_closed';
    if (!row?.owner_id) return 'not_found';
    if (row.owner_id === voterId) return 'own_video';
    return row.inserted === 1 ? 'counted' : 'duplicate';
  }
}
