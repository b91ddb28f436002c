import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@anb/core';
import { mailedLink, newVoter } from '@anb/testing/mailbox';
import { newPlayer, signupBody, type Player } from '@anb/testing/players';
import { insertVideo } from '@anb/testing/rows';
import { votesTallied } from '@anb/testing/votes';
import { startTestApi, type TestApi } from './support/test-api.ts';

const PUBLIC_BASE_URL = 'https://anb.example';
const POSTER_BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);

let api: TestApi;
let webRoot: string;
let city: string;
let star: Player;
let fan: Player;
let shared: string;
let tricky: string;

beforeAll(async () => {
  webRoot = await mkdtemp(path.join(tmpdir(), 'anb-web-'));
  await writeFile(
    path.join(webRoot, 'index.html'),
    '<!doctype html><html lang="es"><head><meta charset="utf-8" /><meta name="description" content="generic" /><title>ANB</title></head><body><div id="app"></div></body></html>',
  );
  api = await startTestApi({ PUBLIC_BASE_URL }, webRoot);
  city = `Cali ${newId().slice(-8)}`;
  star = await newPlayer(api.app, { first_name: 'Ana', last_name: 'Pérez', city });
  fan = await newVoter(api.app, api.testDb.db);
  shared = await insertVideo(api.testDb.db, star.id, 'processed', 'Triple final');
  tricky = await insertVideo(api.testDb.db, star.id, 'processed', '"><script>alert(1)</script> & más');
  const objects = api.runtime.localStore?.rootDir as string;
  await mkdir(path.join(objects, 'processed'), { recursive: true });
  await writeFile(path.join(objects, 'processed', `${shared}.jpg`), POSTER_BYTES);
  const vote = await api.app.inject({ method: 'POST', url: `/api/public/videos/${shared}/vote`, headers: fan.auth });
  expect(vote.statusCode).toBe(200);
  await votesTallied(api.testDb.db);
});
afterAll(async () => {
  await api?.close();
  await rm(webRoot, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => api.app.inject({ method: 'GET', url, headers });

/** Videos that exist in some form but are not published, plus ids that were never ours. */
async function unshownIds(): Promise<Record<string, string>> {
  const db = api.testDb.db;
  const hidden = await insertVideo(db, star.id, 'processed');
  await db
    .updateTable('videos')
    .set({ status: 'hidden', hidden_at: new Date(), hidden_reason: 'spam' })
    .where('id', '=', hidden)
    .execute();
  const deleted = await insertVideo(db, star.id, 'uploaded');
  await db.deleteFrom('videos').where('id', '=', deleted).execute();
  return {
    unknown: newId(),
    processing: await insertVideo(db, star.id, 'processing'),
    failed: await insertVideo(db, star.id, 'failed'),
    hidden,
    deleted,
    'not an id': 'nope',
  };
}

describe('GET /api/public/videos/{id}', () => {
  it("answers a published video with its votes, its player's city position and its page", async () => {
    const response = await get(`/api/public/videos/${shared}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      video_id: shared,
      title: 'Triple final',
      player_name: 'Ana Pérez',
      city,
      country: 'Colombia',
      processed_url: expect.stringMatching(new RegExp(`^${PUBLIC_BASE_URL}/media/processed/${shared}\\.mp4\\?`)),
      poster_url: expect.stringMatching(new RegExp(`^${PUBLIC_BASE_URL}/media/processed/${shared}\\.jpg\\?`)),
      votes: 1,
      uploaded_at: expect.any(String),
      position: 1,
      page_url: `${PUBLIC_BASE_URL}/v/${shared}`,
    });
  });

  it('tells a signed-in viewer whether they voted and whether the video is theirs', async () => {
    expect((await get(`/api/public/videos/${shared}`, fan.auth)).json()).toMatchObject({
      voted_by_me: true,
      is_mine: false,
    });
    expect((await get(`/api/public/videos/${shared}`, star.auth)).json()).toMatchObject({
      voted_by_me: false,
      is_mine: true,
    });
  });

  it('has no position while none of the player’s votes counts', async () => {
    expect((await get(`/api/public/videos/${tricky}`)).json().position).toBe(1);
    const newcomer = await newPlayer(api.app, { city });
    const unvoted = await insertVideo(api.testDb.db, newcomer.id, 'processed');
    expect((await get(`/api/public/videos/${unvoted}`)).json()).toMatchObject({ votes: 0, position: null });
  });

  it('answers 404 alike for unknown, unpublished, hidden, deleted and malformed ids', async () => {
    const bodies = new Set<string>();
    for (const [kind, id] of Object.entries(await unshownIds())) {
      const response = await get(`/api/public/videos/${encodeURIComponent(id)}`);
      expect(response.statusCode, kind).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      bodies.add(JSON.stringify({ ...response.json(), instance: undefined }));
    }
    expect([...bodies]).toEqual([expect.stringContaining('"detail":"Video no encontrado."')]);
  });
});

describe('the share page /v/{id}', () => {
  const metaContent = (html: string, key: string) =>
    html.match(new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)" />`))?.[1];

  it.each([['*/*'], ['text/html'], ['application/json'], ['']])(
    'renders the preview tags on the server whatever the Accept (%s)',
    async (accept) => {
      const response = await get(`/v/${shared}`, accept ? { accept } : {});
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      // It names the release's assets, as index.html does: never kept stale.
      expect(response.headers['cache-control']).toBe('no-cache');
      const html = response.body;
      expect(html).toContain('<div id="app"></div>');
      expect(html).toContain('<title>Triple final — Ana Pérez | ANB Rising Stars Showcase</title>');
      expect(html).not.toContain('content="generic"');
      expect(metaContent(html, 'og:title')).toBe('Triple final — Ana Pérez');
      expect(metaContent(html, 'og:description')).toContain(city);
      expect(metaContent(html, 'og:description')).toContain('1 voto');
      expect(metaContent(html, 'og:description')).toMatch(/vota/);
      expect(metaContent(html, 'og:type')).toBe('video.other');
      expect(metaContent(html, 'og:url')).toBe(`${PUBLIC_BASE_URL}/v/${shared}`);
      expect(metaContent(html, 'og:image')).toBe(`${PUBLIC_BASE_URL}/v/${shared}/poster.jpg`);
      expect(metaContent(html, 'og:video')).toBe(`${PUBLIC_BASE_URL}/v/${shared}/video.mp4`);
      expect(metaContent(html, 'twitter:card')).toBe('summary_large_image');
      expect(html).toContain(`<link rel="canonical" href="${PUBLIC_BASE_URL}/v/${shared}" />`);
    },
  );

  it('takes absolute URLs from PUBLIC_BASE_URL, never from the Host header', async () => {
    const html = (await get(`/v/${shared}`, { host: 'evil.example', 'x-forwarded-host': 'evil.example' })).body;
    expect(html).not.toContain('evil.example');
    expect(metaContent(html, 'og:url')).toBe(`${PUBLIC_BASE_URL}/v/${shared}`);
  });

  it('keeps a title with markup as text', async () => {
    const html = (await get(`/v/${tricky}`)).body;
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('"><script>');
    expect(metaContent(html, 'og:title')).toBe('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; más — Ana Pérez');
  });

  it('answers unknown, unpublished and hidden videos with a 404 page search engines leave out', async () => {
    for (const [kind, id] of Object.entries(await unshownIds())) {
      const response = await get(`/v/${encodeURIComponent(id)}`, { accept: '*/*' });
      expect(response.statusCode, kind).toBe(404);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toContain('<meta name="robots" content="noindex" />');
      expect(response.body).not.toContain('og:');
    }
  });

  it('refuses to be framed, as every page but the embed does', async () => {
    const response = await get(`/v/${shared}`);
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(response.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
  });
});

describe('the embed /v/{id}/embed', () => {
  it('is a player page any site may frame, linking back to vote', async () => {
    const response = await get(`/v/${shared}/embed`, { accept: '*/*' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(String(response.headers['content-security-policy'])).toContain('frame-ancestors *');
    expect(response.body).toContain(`src="${PUBLIC_BASE_URL}/v/${shared}/video.mp4"`);
    expect(response.body).toContain(`poster="${PUBLIC_BASE_URL}/v/${shared}/poster.jpg"`);
    expect(response.body).toContain(`href="${PUBLIC_BASE_URL}/v/${shared}"`);
  });

  it('escapes the title and is not found for a video not published', async () => {
    expect((await get(`/v/${tricky}/embed`)).body).not.toContain('<script>alert');
    const { hidden } = await unshownIds();
    expect((await get(`/v/${hidden}/embed`)).statusCode).toBe(404);
  });
});

describe('stable media addresses', () => {
  it('answers the poster as an image for as long as the video is published', async () => {
    const response = await get(`/v/${shared}/poster.jpg`, { accept: '*/*' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(response.rawPayload.equals(POSTER_BYTES)).toBe(true);

    await api.testDb.db
      .updateTable('videos')
      .set({ status: 'hidden', hidden_at: new Date(), hidden_reason: 'spam' })
      .where('id', '=', shared)
      .execute();
    try {
      expect((await get(`/v/${shared}/poster.jpg`)).statusCode).toBe(404);
      expect((await get(`/v/${shared}/video.mp4`)).statusCode).toBe(404);
    } finally {
      await api.testDb.db
        .updateTable('videos')
        .set({ status: 'processed', hidden_at: null, hidden_reason: null })
        .where('id', '=', shared)
        .execute();
    }
  });

  it('answers 404 for a poster the store does not have, as for a video without one', async () => {
    expect((await get(`/v/${tricky}/poster.jpg`)).statusCode).toBe(404);
  });

  it('sends the video to its media link of the moment', async () => {
    const response = await get(`/v/${shared}/video.mp4`);
    expect(response.statusCode).toBe(302);
    const target = new URL(String(response.headers.location));
    expect(target.origin).toBe(PUBLIC_BASE_URL);
    expect(target.pathname).toBe(`/media/processed/${shared}.mp4`);
    const media = await get(target.pathname + target.search);
    expect(media.statusCode, 'the signed link it sends to is valid').not.toBe(403);
  });
});

describe('links to the video page from elsewhere', () => {
  it("gives each ranking row, on request, its player's most voted published video", async () => {
    const rankings = `/api/public/rankings?city=${encodeURIComponent(city)}`;
    expect((await get(`${rankings}&include=video_id`)).json()).toEqual([
      { position: 1, username: 'Ana Pérez', city, votes: 1, video_id: shared },
    ]);
    // The organiser's clients read the contract's four fields, and only those.
    expect((await get(rankings)).json()).toEqual([{ position: 1, username: 'Ana Pérez', city, votes: 1 }]);
    expect((await get(`${rankings}&include=everything`)).statusCode).toBe(400);
  });

  it('gives the player, on each published video, its votes, position and page', async () => {
    const own = (await get('/api/videos', star.auth)).json() as { video_id: string }[];
    expect(own.find((video) => video.video_id === shared)).toMatchObject({
      votes: 1,
      position: 1,
      page_url: `${PUBLIC_BASE_URL}/v/${shared}`,
    });
    const unpublished = await insertVideo(api.testDb.db, star.id, 'uploaded');
    const pending = ((await get('/api/videos', star.auth)).json() as { video_id: string }[]).find(
      (video) => video.video_id === unpublished,
    );
    expect(pending).not.toHaveProperty('page_url');
    expect(pending).not.toHaveProperty('position');
  });
});

describe('signing up to vote from a shared link', () => {
  const signupAs = (returnTo: string) =>
    api.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { ...signupBody(), return_to: returnTo },
    });

  it('mails a confirmation link that leads back to the video, voting on arrival', async () => {
    const back = `/v/${shared}?votar=1`;
    const body = { ...signupBody(), return_to: back };
    const response = await api.app.inject({ method: 'POST', url: '/api/auth/signup', payload: body });
    expect(response.statusCode, response.body).toBe(201);
    const link = await mailedLink(api.testDb.db, body.email, 'verify_email');
    expect(link.origin).toBe(PUBLIC_BASE_URL);
    expect(link.searchParams.get('volver')).toBe(back);
  });

  it('refuses a return path that is not a video page, so a mail never sends anyone elsewhere', async () => {
    for (const elsewhere of ['https://evil.example/', '//evil.example', '/mis-videos', `/v/${shared}?x=1`]) {
      expect((await signupAs(elsewhere)).statusCode, elsewhere).toBe(400);
    }
  });

  it('carries the return path into a resent link, and resends without a body as before', async () => {
    const voter = await newPlayer(api.app);
    const resend = (payload?: object) =>
      api.app.inject({ method: 'POST', url: '/api/auth/resend-verification', headers: voter.auth, payload });
    expect((await resend({ return_to: `/v/${shared}` })).statusCode).toBe(202);
    expect((await mailedLink(api.testDb.db, voter.email, 'verify_email')).searchParams.get('volver')).toBe(
      `/v/${shared}`,
    );
    expect((await resend()).statusCode).toBe(202);
    expect((await mailedLink(api.testDb.db, voter.email, 'verify_email')).searchParams.has('volver')).toBe(false);
  });
});

describe('GET /api/public/cities', () => {
  it('suggests each known city once, in the spelling most people used, the busiest first', async () => {
    const suffix = newId().slice(-8);
    const spelt = [`Bogotá ${suffix}`, `Bogotá ${suffix}`, `bogota ${suffix}`, `Tunja ${suffix}`];
    for (const spelling of spelt) await newPlayer(api.app, { city: spelling });
    const response = await get('/api/public/cities');
    expect(response.statusCode).toBe(200);
    const ours = (response.json() as { city: string; people: number }[]).filter((row) => row.city.endsWith(suffix));
    expect(ours).toEqual([
      { city: `Bogotá ${suffix}`, people: 3 },
      { city: `Tunja ${suffix}`, people: 1 },
    ]);
  });
});

describe('published files behind a CDN (MEDIA_CDN_URL)', () => {
  const cdn = 'https://d111111abcdef8.cloudfront.net';
  let behindCdn: TestApi;
  beforeAll(async () => {
    behindCdn = await startTestApi({
      PUBLIC_BASE_URL,
      STORAGE: 's3',
      S3_BUCKET: 'anb-media',
      MEDIA_CDN_URL: cdn,
      MEDIA_CDN_DISTRIBUTION_ID: 'E2QWRUHAPOMQZL',
    });
  });
  afterAll(() => behindCdn?.close());

  it('hands out the lasting CDN addresses of published files, and sends the stable video address there', async () => {
    const player = await newPlayer(behindCdn.app);
    const id = await insertVideo(behindCdn.testDb.db, player.id, 'processed');
    const inject = (url: string) => behindCdn.app.inject({ method: 'GET', url });

    expect((await inject(`/api/public/videos/${id}`)).json()).toMatchObject({
      processed_url: `${cdn}/processed/${id}.mp4`,
      poster_url: `${cdn}/processed/${id}.jpg`,
    });
    const listed = (await inject('/api/public/videos?limit=100')).json() as { video_id: string }[];
    expect(listed.find((video) => video.video_id === id)).toMatchObject({
      processed_url: `${cdn}/processed/${id}.mp4`,
    });
    expect((await inject(`/v/${id}/video.mp4`)).headers.location).toBe(`${cdn}/processed/${id}.mp4`);
    // Originals stay private: the player's own original link is never a CDN one.
    const own = await behindCdn.app.inject({ method: 'GET', url: `/api/videos/${id}`, headers: player.auth });
    expect(own.json().original_url).not.toContain(cdn);
  });
});
