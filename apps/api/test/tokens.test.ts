import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/test-api.ts';
import { newPlayer, type Player } from '@anb/testing/players';
import { uploadForm } from '@anb/testing/multipart';
import { validLandscape } from '@anb/testing/mp4';
import { insertVideo } from '@anb/testing/rows';

let api: TestApi;
let player: Player;
beforeAll(async () => {
  api = await startTestApi();
  player = await newPlayer(api.app);
});
afterAll(() => api.close());

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function signedToken(secret: string, payload: object, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${base64url(header)}.${base64url(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

const myVideos = (headers: Record<string, string> = {}) =>
  api.app.inject({ method: 'GET', url: '/api/videos', headers });

describe('authentication of the player endpoints', () => {
  it('accepts the token issued at login', async () => {
    expect((await myVideos(player.auth)).statusCode).toBe(200);
  });

  it.each([
    ['no Authorization header', {}],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['another scheme', { authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' }],
  ])('answers 401 "Falta de autenticación." with %s', async (_case, headers) => {
    const response = await myVideos(headers);
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 401, detail: 'Falta de autenticación.' });
  });

  const invalid = 'El usuario no está autenticado o el token JWT es inválido o expirado.';

  it('refuses a token signed with another key', async () => {
    const forged = signedToken('not-the-server-secret-not-the-server-secret', {
      sub: player.id,
      iat: now(),
      exp: now() + 3600,
    });
    const response = await myVideos({ authorization: `Bearer ${forged}` });
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toBe(invalid);
  });

  it('refuses an expired token signed with the right key', async () => {
    const expired = signedToken(api.runtime.jwtSecret, { sub: player.id, iat: now() - 7200, exp: now() - 3600 });
    const response = await myVideos({ authorization: `Bearer ${expired}` });
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toBe(invalid);
  });

  it('refuses an unsigned token (alg "none")', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: player.id, iat: now(), exp: now() + 3600 })}.`;
    const response = await myVideos({ authorization: `Bearer ${unsigned}` });
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toBe(invalid);
  });

  it('refuses a token whose payload was edited after signing', async () => {
    const other = await newPlayer(api.app);
    const [header, , signature] = player.token.split('.');
    const edited = `${header}.${base64url({ sub: other.id, iat: now(), exp: now() + 3600 })}.${signature}`;
    const response = await myVideos({ authorization: `Bearer ${edited}` });
    expect(response.statusCode).toBe(401);
  });

  it('refuses with 401 a validly signed token whose player no longer exists, on every player endpoint', async () => {
    const gone = await newPlayer(api.app);
    const published = await insertVideo(api.testDb.db, player.id, 'processed');
    await api.testDb.db.deleteFrom('users').where('id', '=', gone.id).execute();
    const form = await uploadForm(await validLandscape());
    const responses = await Promise.all([
      myVideos(gone.auth),
      api.app.inject({
        method: 'POST',
        url: '/api/videos/upload',
        payload: form.payload,
        headers: { ...form.headers, ...gone.auth },
      }),
      api.app.inject({ method: 'POST', url: `/api/public/videos/${published}/vote`, headers: gone.auth }),
    ]);
    for (const response of responses) {
      expect(response.statusCode, response.body).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'INVALID_TOKEN', detail: invalid });
    }
    expect(await api.queuedVideoIds()).toEqual([]);
    // The public listing treats such a token as anonymous.
    const listing = await api.app.inject({ method: 'GET', url: '/api/public/videos', headers: gone.auth });
    expect(listing.statusCode).toBe(200);
    expect(listing.json()[0]).not.toHaveProperty('voted_by_me');
  });

  it('refuses garbage and a correctly signed token without a player id', async () => {
    for (const token of ['garbage', 'a.b.c', signedToken(api.runtime.jwtSecret, { iat: now(), exp: now() + 60 })]) {
      const response = await myVideos({ authorization: `Bearer ${token}` });
      expect(response.statusCode).toBe(401);
      expect(response.json().detail).toBe(invalid);
    }
  });
});
