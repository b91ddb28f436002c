import { sql, type Kysely } from 'kysely';
import type { PlayerVotes, RankingQuery, RankingRepository } from '@anb/core';
import type { Database } from '../database.ts';

/** The player's most voted published video: the one their ranking row links to. */
const topVideoOf = sql<
  string | null
>`(select v.id from videos v where v.owner_id = users.id and v.status = 'processed' order by v.votes desc, v.processed_at desc, v.id desc limit 1)`;

/** Reads the per-player counters kept by the tally; never counts votes per request. */
export class PostgresRankingRepository implements RankingRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async rankingPage(query: RankingQuery): Promise<{ players: PlayerVotes[]; playersAheadOfPage: number }> {
    const ranked = this.#db
      .selectFrom('users')
      .where('votes_received', '>', 0)
      .$if(query.cityKey !== undefined, (q) => q.where('city_key', '=', query.cityKey as string));

    const players = await ranked
      .select([sql<string>`first_name || ' ' || last_name`.as('username'), 'city', 'votes_received as votes'])
      .$if(query.withTopVideo, (q) => q.select(topVideoOf.as('videoId')))
      .orderBy('votes_received', 'desc')
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();

    const first = players[0];
    if (!first || query.offset === 0) return { players, playersAheadOfPage: 0 };
    const ahead = await ranked
      .where('votes_received', '>', first.votes)
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    return { players, playersAheadOfPage: Number(ahead.count) };
  }

  async cityPositionOf(playerId: string): Promise<number | null> {
    const row = await this.#db
      .selectFrom('users as player')
      .where('player.id', '=', playerId)
      .where('player.votes_received', '>', 0)
      .select(
        sql<number>`1 + (select count(*)::int from users other where other.city_key = player.city_key and other.votes_received > player.votes_received)`.as(
          'position',
        ),
      )
      .executeTakeFirst();
    return row ? row.position : null;
  }
}
