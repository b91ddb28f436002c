import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountSecurityTexts, newId } from '@anb/core';
import { confirmEmail, mailedLink, newVoter } from '@anb/testing/mailbox';
import { newPlayer, signupBody, type Player } from '@anb/testing/players';
import { insertVideo } from '@anb/testing/rows';
import { waitFor } from '@anb/testing/wait-for';
import { startTestApi, type TestApi } from './support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_ACCOUNT_MAX: '1000' });
});
afterAll(() => api.close());

const post = (url: string, payload?: object, player?: Player | { authorization: string }) =>
  api.app.inject({
    method: 'POST',
    url,
    ...(payload ? { payload } : {}),
    headers: player ? ('auth' in player ? player.auth : player) : {},
  });
const me = (headers: { authorization: string }) => api.app.inject({ method: 'GET', url: '/api/auth/me', headers });
const tokenOf = async (email: string, purpose: 'verify_email' | 'reset_password') =>
  (await mailedLink(api.testDb.db, email, purpose)).searchParams.get('token') as string;
const logIn = (email: string, password: string) => post('/api/auth/login', { email, password });

describe('sign-up mails a confirmation link, and a vote waits for it', () => {
  it('shows the account unconfirmed, refuses its vote with 403 EMAIL_NOT_VERIFIED, and lets it vote once confirmed', async () => {
    const player = await newPlayer(api.app, { first_name: 'Sofía' });
    const account = await me(player.auth);
    expect(account.statusCode).toBe(200);
    expect(account.json()).toEqual({
      user_id: player.id,
      first_name: 'Sofía',
      last_name: 'Pérez',
      email: player.email,
      city: 'Bogotá',
      country: 'Colombia',
      email_verified: false,
      vote_refusal: 'EMAIL_NOT_VERIFIED',
      role: 'player',
    });

    const owner = await newPlayer(api.app);
    const videoId = await insertVideo(api.testDb.db, owner.id, 'processed');
    const refused = await post(`/api/public/videos/${videoId}/vote`, undefined, player);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'EMAIL_NOT_VERIFIED',
      detail: accountSecurityTexts.voteRefused.EMAIL_NOT_VERIFIED,
    });

    const link = await mailedLink(api.testDb.db, player.email, 'verify_email');
    expect(link.origin).toBe(new URL(api.config.PUBLIC_BASE_URL).origin);
    const verified = await post('/api/auth/verify-email', { token: link.searchParams.get('token') });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({ message: accountSecurityTexts.emailVerified });
    expect((await me(player.auth)).json()).toMatchObject({ email_verified: true, vote_refusal: null });
    expect((await post(`/api/public/videos/${videoId}/vote`, undefined, player)).statusCode).toBe(200);
  });

  it('writes the mail in Spanish, as text and HTML, to DATA_DIR/mail as an .eml file', async () => {
    const player = await newPlayer(api.app);
    const token = await tokenOf(player.email, 'verify_email');
    const mailDir = path.join(api.dataDir, 'mail');
    // The dispatcher runs beside the requests, and leaves no event to await: look for the file carrying this token.
    const found = await waitFor(
      async () => {
        // Only finished mail: the mailer writes a hidden .tmp file and renames it when complete.
        const mails = (await readdir(mailDir).catch(() => [])).filter((file) => file.endsWith('.eml'));
        for (const file of mails) {
          const raw = await readFile(path.join(mailDir, file), 'utf8');
          if (raw.includes(token)) return raw;
        }
        return undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(found).toMatch(/^To: .*/m);
    expect(found).toMatch(/text\/plain/);
    expect(found).toMatch(/text\/html/);
    expect(found).toMatch(/^Subject: /m);
    const sent = await waitFor(() =>
      api.testDb.db
        .selectFrom('mail_outbox')
        .select(['sent_at', 'subject'])
        .where('recipient', '=', player.email)
        .where('sent_at', 'is not', null)
        .executeTakeFirst(),
    );
    expect(sent.subject).toBe('Confirma tu correo en ANB Rising Stars');
  });

  it('refuses a token that is invalid, already used or expired, each with its own code', async () => {
    const invalid = await post('/api/auth/verify-email', { token: 'x'.repeat(43) });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'VERIFICATION_TOKEN_INVALID' });

    const player = await newPlayer(api.app);
    const token = await tokenOf(player.email, 'verify_email');
    expect((await post('/api/auth/verify-email', { token })).statusCode).toBe(200);
    const again = await post('/api/auth/verify-email', { token });
    expect(again.json()).toMatchObject({
      status: 400,
      code: 'VERIFICATION_TOKEN_USED',
      detail: accountSecurityTexts.linkRefused.verify_email.used,
    });

    const late = await newPlayer(api.app);
    const lateToken = await tokenOf(late.email, 'verify_email');
    await api.testDb.db
      .updateTable('account_links')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', late.id)
      .execute();
    const expired = await post('/api/auth/verify-email', { token: lateToken });
    expect(expired.json()).toMatchObject({ status: 400, code: 'VERIFICATION_TOKEN_EXPIRED' });
    expect((await post('/api/auth/verify-email', {})).json()).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
  });

  it('resends a link (202) while unconfirmed, and answers 409 once confirmed', async () => {
    const player = await newPlayer(api.app);
    const first = await tokenOf(player.email, 'verify_email');
    const resent = await post('/api/auth/resend-verification', undefined, player);
    expect(resent.statusCode).toBe(202);
    expect(resent.json()).toEqual({ message: accountSecurityTexts.verificationSent(player.email) });
    const second = await tokenOf(player.email, 'verify_email');
    expect(second).not.toBe(first);
    expect((await post('/api/auth/verify-email', { token: second })).statusCode).toBe(200);
    const done = await post('/api/auth/resend-verification', undefined, player);
    expect(done.statusCode).toBe(409);
    expect(done.json()).toMatchObject({ code: 'EMAIL_ALREADY_VERIFIED' });
    expect((await post('/api/auth/resend-verification')).statusCode).toBe(401);
  });
});

describe('one mailbox, one account', () => {
  it('refuses sign-ups whose address reaches a taken mailbox: case, +tag and Gmail dots', async () => {
    const local = `ana${newId().slice(-8)}`;
    expect((await post('/api/auth/signup', signupBody({ email: `${local}@gmail.com` }))).statusCode).toBe(201);
    for (const variant of [
      `${local.toUpperCase()}@GMAIL.COM`,
      `${local}+voto2@gmail.com`,
      `${local.slice(0, 2)}.${local.slice(2)}@googlemail.com`,
    ]) {
      const refused = await post('/api/auth/signup', signupBody({ email: variant }));
      expect(refused.statusCode, variant).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'EMAIL_TAKEN' });
    }
  });

  it('lets a disposable address sign up and log in, but not vote (403 DISPOSABLE_EMAIL), even confirmed', async () => {
    const player = await newPlayer(api.app, { email: `tira${newId().slice(-8)}@mailinator.com` });
    await confirmEmail(api.app, api.testDb.db, player.email);
    expect((await me(player.auth)).json()).toMatchObject({ email_verified: true, vote_refusal: 'DISPOSABLE_EMAIL' });
    const owner = await newPlayer(api.app);
    const videoId = await insertVideo(api.testDb.db, owner.id, 'processed');
    const refused = await post(`/api/public/videos/${videoId}/vote`, undefined, player);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'DISPOSABLE_EMAIL' });
  });
});

describe('password reset and change', () => {
  it('answers forgot-password 202 with the same words whether or not the account exists, mailing only a real one', async () => {
    const player = await newPlayer(api.app);
    const known = await post('/api/auth/forgot-password', { email: player.email.toUpperCase() });
    const unknown = await post('/api/auth/forgot-password', { email: `nadie.${newId()}@example.com` });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    expect(await tokenOf(player.email, 'reset_password')).toMatch(/^[\w-]{43}$/);
  });

  it('resets the password from the link, revokes earlier tokens, confirms the mailbox, and spends the link', async () => {
    const player = await newPlayer(api.app);
    await post('/api/auth/forgot-password', { email: player.email });
    const token = await tokenOf(player.email, 'reset_password');

    const differ = await post('/api/auth/reset-password', {
      token,
      password1: 'Nueva-Clave-123',
      password2: 'Otra-123456',
    });
    expect(differ.json()).toMatchObject({ status: 400, code: 'PASSWORD_MISMATCH' });
    const short = await post('/api/auth/reset-password', { token, password1: 'corta', password2: 'corta' });
    expect(short.json()).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });

    const reset = await post('/api/auth/reset-password', {
      token,
      password1: 'Nueva-Clave-123',
      password2: 'Nueva-Clave-123',
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toEqual({ message: accountSecurityTexts.passwordReset });
    expect((await me(player.auth)).statusCode).toBe(401);
    expect((await logIn(player.email, 'StrongPass123')).statusCode).toBe(401);
    const fresh = await logIn(player.email, 'Nueva-Clave-123');
    expect(fresh.statusCode).toBe(200);
    expect((await me({ authorization: `Bearer ${fresh.json().access_token}` })).json()).toMatchObject({
      email_verified: true,
    });
    const reused = await post('/api/auth/reset-password', {
      token,
      password1: 'Otra-Clave-456',
      password2: 'Otra-Clave-456',
    });
    expect(reused.json()).toMatchObject({ status: 400, code: 'RESET_TOKEN_USED' });
  });

  it('changes the password with the current one, answering a new token; older tokens stop working', async () => {
    const player = await newPlayer(api.app);
    const other = await logIn(player.email, 'StrongPass123');
    const otherSession = { authorization: `Bearer ${other.json().access_token}` };

    const wrong = await post(
      '/api/auth/change-password',
      { current_password: 'no-es-esta', password1: 'Nueva-Clave-123', password2: 'Nueva-Clave-123' },
      player,
    );
    expect(wrong.json()).toMatchObject({ status: 400, code: 'WRONG_PASSWORD' });

    const changed = await post(
      '/api/auth/change-password',
      { current_password: 'StrongPass123', password1: 'Nueva-Clave-123', password2: 'Nueva-Clave-123' },
      player,
    );
    expect(changed.statusCode).toBe(200);
    const body = changed.json();
    expect(body).toMatchObject({ message: accountSecurityTexts.passwordChanged, token_type: 'Bearer' });
    expect((await me(player.auth)).statusCode).toBe(401);
    expect((await me(otherSession)).statusCode).toBe(401);
    expect((await me({ authorization: `Bearer ${body.access_token}` })).statusCode).toBe(200);
    expect((await logIn(player.email, 'Nueva-Clave-123')).statusCode).toBe(200);
  });
});

describe('sign-out', () => {
  it('logout refuses that token from then on, and only that one', async () => {
    const player = await newPlayer(api.app);
    const second = await logIn(player.email, 'StrongPass123');
    const secondSession = { authorization: `Bearer ${second.json().access_token}` };
    const out = await post('/api/auth/logout', undefined, player);
    expect(out.statusCode).toBe(204);
    expect(out.body).toBe('');
    const after = await me(player.auth);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'INVALID_TOKEN' });
    expect((await post('/api/auth/logout', undefined, player)).statusCode).toBe(401);
    expect((await me(secondSession)).statusCode).toBe(200);
  });

  it('logout-all refuses every token of the account, and a new login works', async () => {
    const player = await newVoter(api.app, api.testDb.db);
    const second = await logIn(player.email, 'StrongPass123');
    expect((await post('/api/auth/logout-all', undefined, player)).statusCode).toBe(204);
    expect((await me(player.auth)).statusCode).toBe(401);
    expect((await me({ authorization: `Bearer ${second.json().access_token}` })).statusCode).toBe(401);
    const again = await logIn(player.email, 'StrongPass123');
    expect((await me({ authorization: `Bearer ${again.json().access_token}` })).statusCode).toBe(200);
  });
});

describe('with VOTE_REQUIRES_VERIFIED_EMAIL=false', () => {
  let organisers: TestApi;
  beforeAll(async () => {
    organisers = await startTestApi({ VOTE_REQUIRES_VERIFIED_EMAIL: 'false' });
  });
  afterAll(() => organisers.close());

  it("is the organiser's flow: sign up, log in and vote, unconfirmed or disposable", async () => {
    const owner = await newPlayer(organisers.app);
    const videoId = await insertVideo(organisers.testDb.db, owner.id, 'processed');
    for (const email of [`fan.${newId()}@example.com`, `fan${newId().slice(-8)}@mailinator.com`]) {
      const voter = await newPlayer(organisers.app, { email });
      const account = await organisers.app.inject({ method: 'GET', url: '/api/auth/me', headers: voter.auth });
      expect(account.json()).toMatchObject({ email_verified: false, vote_refusal: null });
      const voted = await organisers.app.inject({
        method: 'POST',
        url: `/api/public/videos/${videoId}/vote`,
        headers: voter.auth,
      });
      expect(voted.statusCode).toBe(200);
    }
  });
});

describe('limits', () => {
  let limited: TestApi;
  beforeAll(async () => {
    limited = await startTestApi({ RATE_LIMIT_ACCOUNT_MAX: '2' });
  });
  afterAll(() => limited.close());

  it('answers 429 with Retry-After once one mailbox asked for too many reset links', async () => {
    const email = `limite.${newId()}@example.com`;
    const ask = () => limited.app.inject({ method: 'POST', url: '/api/auth/forgot-password', payload: { email } });
    expect((await ask()).statusCode).toBe(202);
    expect((await ask()).statusCode).toBe(202);
    const third = await ask();
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBeDefined();
    expect(third.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });
});
