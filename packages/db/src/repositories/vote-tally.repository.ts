import { sql, type Kysely } from 'kysely';
import type { VoteTally } from '@anb/core';
import type { Database } from '../database.ts';

/** Any constant both API tasks agree on: the advisory lock that lets one of them tally at a time. */
const TALLY_LOCK = 0x766f7465; // 'vote'

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
          returning video_id, player_id, first_for_player
        ), per_video as (
          select video_id, count(*)::int as votes from taken group by video_id
        ), per_player as (
          select player_id, count(*) filter (where first_for_player)::int as voters from taken group by player_id
        ), videos_counted as (
          update videos set votes = videos.votes + per_video.votes
          from per_video where videos.id = per_video.video_id
        ), players_counted as (
          update users set votes_received = users.votes_received + per_player.voters
          from per_player where users.id = per_player.player_id and per_player.voters > 0
        )
        -- Data-modifying CTEs run to completion whether or not the query reads them.
        select count(*)::int as tallied from taken
      `.execute(trx);
      return rows[0]?.tallied ?? 0;
    });
  }
}
