import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { accountLinkPages, type AccountLinkPurpose } from '@anb/core';
import type { Database } from '@anb/db';
import { expect } from 'vitest';
import { newPlayer, type Player, type SignupBody } from './players.ts';

/** The newest link of that kind mailed to `email`, read from the outbox as a mail service would. */
export async function mailedLink(db: Kysely<Database>, email: string, purpose: AccountLinkPurpose): Promise<URL> {
  const mails = await db
    .selectFrom('mail_outbox')
    .select('text_body')
    .where('recipient', '=', email.toLowerCase())
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const { text_body } of mails) {
    const found = text_body.match(/https?:\/\/\S+/g)?.map((link) => new URL(link));
    const link = found?.find((url) => url.pathname === accountLinkPages[purpose]);
    if (link) return link;
  }
  throw new Error(`no ${purpose} mail to ${email}`);
}

/** Opens the confirmation link mailed at sign-up, as the web page does. */
export async function confirmEmail(app: FastifyInstance, db: Kysely<Database>, email: string): Promise<void> {
  const token = (await mailedLink(db, email, 'verify_email')).searchParams.get('token');
  const response = await app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token } });
  expect(response.statusCode, response.body).toBe(200);
}

/** A player whose e-mail is confirmed: one who may vote. */
export async function newVoter(
  app: FastifyInstance,
  db: Kysely<Database>,
  overrides: Partial<SignupBody> = {},
): Promise<Player> {
  const player = await newPlayer(app, overrides);
  await confirmEmail(app, db, player.email);
  return player;
}
