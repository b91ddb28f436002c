import { sql, type Kysely } from 'kysely';
import type { PlayerVotes, RankingQuery, RankingRepository } from '@anb/core';
import type { Database } from '../database.ts';

/** Reads the per-player counters kept by each vote; never counts votes per request. */
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
}
