import type { Kysely } from 'kysely';
import type { NewUser, UserRepository } from '@anb/core';
import type { Database } from '../database.ts';
import { isUniqueViolation } from '../postgres-errors.ts';

export class PostgresUserRepository implements UserRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(user: NewUser): Promise<'created' | 'email_taken'> {
    try {
      await this.#db
        .insertInto('users')
        .values({
          id: user.id,
          first_name: user.firstName,
          last_name: user.lastName,
          email: user.email,
          password_hash: user.passwordHash,
          city: user.city,
          city_key: user.cityKey,
          country: user.country,
        })
        .execute();
      return 'created';
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) return 'email_taken';
      throw error;
    }
  }

  async findCredentials(email: string): Promise<{ id: string; passwordHash: string } | undefined> {
    return this.#db
      .selectFrom('users')
      .select(['id', 'password_hash as passwordHash'])
      .where('email', '=', email)
      .executeTakeFirst();
  }

  async exists(id: string): Promise<boolean> {
    const row = await this.#db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }
}
