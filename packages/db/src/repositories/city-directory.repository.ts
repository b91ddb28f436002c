import { sql, type Kysely } from 'kysely';
import type { CityDirectory, KnownCity } from '@anb/core';
import type { Database } from '../database.ts';

/** Known cities from the accounts' own words: one row per folded name (`city_key`), spelt the usual way. */
export class PostgresCityDirectory implements CityDirectory {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async knownCities(limit: number): Promise<KnownCity[]> {
    const rows = await this.#db
      .selectFrom('users')
      .select([
        sql<string>`mode() within group (order by city)`.as('city'),
        (eb) => eb.fn.countAll<string>().as('people'),
      ])
      .groupBy('city_key')
      .orderBy('people', 'desc')
      .orderBy('city_key')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ city: row.city, people: Number(row.people) }));
  }
}
