import { sql, type Kysely, type Transaction } from 'kysely';
import type { Account, LinkToSend, NewUser, UserRepository } from '@anb/core';
import { newId } from '@anb/core';
import type { Database } from '../database.ts';
import { isUniqueViolation } from '../postgres-errors.ts';

export class PostgresUserRepository implements UserRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(user: NewUser, verification: LinkToSend): Promise<'created' | 'email_taken'> {
    try {
      await this.#db.transaction().execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({
            id: user.id,
            first_name: user.firstName,
            last_name: user.lastName,
            email: user.email,
            email_normalised: user.emailNormalised,
            password_hash: user.passwordHash,
            city: user.city,
            city_key: user.cityKey,
            country: user.country,
            // Only the network (/24, /64) is kept: enough to see a burst of sign-ups, not who someone is.
            signup_network: user.signupAddress
              ? sql<string>`network(set_masklen(${user.signupAddress}::inet, case family(${user.signupAddress}::inet) when 4 then 24 else 64 end))`
              : null,
          })
          .execute();
        await storeLink(trx, user.id, verification);
      });
      return 'created';
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key') || isUniqueViolation(error, 'users_email_normalised_key')) {
        return 'email_taken';
      }
      throw error;
    }
  }

  async findCredentials(email: string) {
    return this.#db
      .selectFrom('users')
      .select(['id', 'password_hash as passwordHash', 'token_generation as tokenGeneration'])
      .select(sql<boolean>`suspended_at is not null`.as('suspended'))
      .where('email', '=', email)
      .executeTakeFirst();
  }

  findAccount(id: string): Promise<Account | undefined> {
    return this.#accounts().where('id', '=', id).executeTakeFirst();
  }

  findByNormalisedEmail(emailNormalised: string): Promise<Account | undefined> {
    return this.#accounts().where('email_normalised', '=', emailNormalised).executeTakeFirst();
  }

  async passwordHash(id: string): Promise<string | undefined> {
    const row = await this.#db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
    return row?.password_hash;
  }

  async addLink(userId: string, link: LinkToSend): Promise<void> {
    await this.#db.transaction().execute((trx) => storeLink(trx, userId, link));
  }

  async replacePassword(id: string, passwordHash: string): Promise<number | undefined> {
    const row = await this.#db
      .updateTable('users')
      .set((eb) => ({ password_hash: passwordHash, token_generation: eb('token_generation', '+', 1) }))
      .where('id', '=', id)
      .returning('token_generation')
      .executeTakeFirst();
    return row?.token_generation;
  }

  async raiseTokenGeneration(id: string): Promise<number | undefined> {
    const row = await this.#db
      .updateTable('users')
      .set((eb) => ({ token_generation: eb('token_generation', '+', 1) }))
      .where('id', '=', id)
      .returning('token_generation')
      .executeTakeFirst();
    return row?.token_generation;
  }

  async markEmailVerified(id: string): Promise<void> {
    await this.#db
      .updateTable('users')
      .set({ email_verified_at: sql<Date>`coalesce(email_verified_at, now())` })
      .where('id', '=', id)
      .execute();
  }

  #accounts() {
    return this.#db
      .selectFrom('users')
      .select([
        'id',
        'first_name as firstName',
        'last_name as lastName',
        'email',
        'city',
        'country',
        'token_generation as tokenGeneration',
        'role',
      ])
      .select(sql<boolean>`email_verified_at is not null`.as('emailVerified'));
  }
}

/** The link row and the mail that carries it, in the caller's transaction: one never exists without the other. */
async function storeLink(trx: Transaction<Database>, userId: string, { link, mail }: LinkToSend): Promise<void> {
  await trx
    .insertInto('account_links')
    .values({ token_hash: link.tokenHash, user_id: userId, purpose: link.purpose, expires_at: link.expiresAt })
    .execute();
  await trx
    .insertInto('mail_outbox')
    .values({ id: newId(), recipient: mail.to, subject: mail.subject, text_body: mail.text, html_body: mail.html })
    .execute();
}
