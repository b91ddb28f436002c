import { sql, type Kysely, type Transaction } from 'kysely';
import type { VoteTally } from '@anb/core';
import type { Database } from '../database.ts';

/** Any constant both API tasks agree on: the advisory lock that lets one of them tally at a time. */
export const TALLY_LOCK = 0x766f7465; // 'vote'

/**
 * Waits for the tally's lock for the rest of the transaction: moderation holds it while it recounts, so no
 * tally round adds votes to counters being recounted, and no two recounts interleave (ADR 28).
 */
export async function holdTallyLock(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${TALLY_LOCK})`.execute(trx);
}

export class PostgresVoteTally implements VoteTally {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /**
   * Takes the oldest queued votes and adds them up per video and per player in the same transaction,
   * so a crash leaves them either queued or counted, never both. One tally at a time (a transaction-level
   * advisory lock, skipped rather than waited for): two tallies would lock the same counter rows in
   * different orders. Each counter row is written once per round, however many votes it received.
   *
   * Whether a vote counts is decided here, under the lock moderation takes too: a voided voter's vote adds
   * nothing; one on a hidden video adds to the video's own count but not to its player's voters.
   * `player_voters` only gains pairs here and in moderation, so its insert says who is a new voter.
   */
  async tallyQueued(maxVotes: number): Promise<number> {
    return this.#db.transaction().execute(async (trx) => {
      const { rows: lock } = await sql<{
        held: boolean;
      }>`select pg_try_advisory_xact_lock(${TALLY_LOCK}) as held`.execute(trx);
      if (!lock[0]?.held) return 0;
      const { rows } = await sql<{ tallied: number }>`
        with taken as (
          delete from uncounted_votes
          where id in (select id from uncounted_votes order by id limit ${maxVotes})
          returning video_id, voter_id
        ), counting as (
          select taken.video_id, taken.voter_id, videos.owner_id, videos.status
          from taken
          join users voter on voter.id = taken.voter_id and not voter.votes_voided
          join videos on videos.id = taken.video_id
        ), per_video as (
          select video_id, count(*)::int as votes from counting group by video_id
        ), new_voters as (
          insert into player_voters (player_id, voter_id)
          select distinct owner_id, voter_id from counting where status = 'processed'
          on conflict do nothing
          returning player_id
        ), per_player as (
          select player_id, count(*)::int as voters from new_voters group by player_id
        ), videos_counted as (
          update videos set votes = videos.votes + per_video.votes
          from per_video where videos.id = per_video.video_id
        ), players_counted as (
          update users set votes_received = users.votes_received + per_player.voters
          from per_player where users.id = per_player.player_id
        )
        -- Data-modifying CTEs run to completion whether or not the query reads them.
        select count(*)::int as tallied from taken
      `.execute(trx);
      return rows[0]?.tallied ?? 0;
    });
  }
}
