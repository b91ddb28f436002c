import type { Kysely } from 'kysely';
import type { AccountLinkFault, AccountLinkPurpose, AccountLinkRepository } from '@anb/core';
import type { Database } from '../database.ts';

export class PostgresAccountLinkRepository implements AccountLinkRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async use(
    tokenHash: string,
    purpose: AccountLinkPurpose,
    now: Date,
  ): Promise<{ userId: string } | { fault: AccountLinkFault }> {
    // Guarded in SQL: of two clicks at once, exactly one marks it used.
    const used = await this.#db
      .updateTable('account_links')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst();
    if (used) return { userId: used.user_id };
    const link = await this.#db
      .selectFrom('account_links')
      .select(['used_at', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .executeTakeFirst();
    if (!link) return { fault: 'invalid' };
    return { fault: link.used_at ? 'used' : 'expired' };
  }

  async removeExpired(before: Date): Promise<number> {
    const result = await this.#db.deleteFrom('account_links').where('expires_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
