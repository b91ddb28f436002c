import { sql, type Kysely } from 'kysely';
import type { HonouredAccount, SessionRepository, TokenIdentity } from '@anb/core';
import type { Database } from '../database.ts';

export class PostgresSessionRepository implements SessionRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** One round trip by primary keys (users.id, revoked_tokens.token_id): as cheap as the old existence check. */
  async honouredAccount(token: TokenIdentity): Promise<HonouredAccount | undefined> {
    const row = await this.#db
      .selectFrom('users')
      .select((eb) => [
        'email',
        'role',
        sql<boolean>`suspended_at is not null`.as('suspended'),
        sql<boolean>`email_verified_at is not null`.as('emailVerified'),
        eb
          .not(eb.exists(eb.selectFrom('revoked_tokens').select('token_id').where('token_id', '=', token.tokenId)))
          .as('live'),
      ])
      .where('id', '=', token.playerId)
      .where('token_generation', '=', token.generation)
      .executeTakeFirst();
    if (row?.live !== true) return undefined;
    return { email: row.email, emailVerified: row.emailVerified, role: row.role, suspended: row.suspended };
  }

  async revoke(token: TokenIdentity, expiresAt: Date): Promise<void> {
    await this.#db
      .insertInto('revoked_tokens')
      .values({ token_id: token.tokenId, user_id: token.playerId, expires_at: expiresAt })
      .onConflict((conflict) => conflict.column('token_id').doNothing())
      .execute();
  }

  async removeExpired(before: Date): Promise<number> {
    const result = await this.#db.deleteFrom('revoked_tokens').where('expires_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
