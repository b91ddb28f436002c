import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@anb/core';
import { startTestApi, type TestApi } from './support/test-api.ts';
import { newVoter } from '@anb/testing/mailbox';
import { newPlayer, type Player } from '@anb/testing/players';
import { insertVideo } from '@anb/testing/rows';
import { votesTallied } from '@anb/testing/votes';

const insertPublishedVideo = (db: Parameters<typeof insertVideo>[0], ownerId: string, title?: string) =>
  insertVideo(db, ownerId, 'processed', title);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const vote = (videoId: string, player?: Player) =>
  api.app.inject({ method: 'POST', url: `/api/public/videos/${videoId}/vote`, headers: player?.auth ?? {} });
const get = (url: string, player?: Player) => api.app.inject({ method: 'GET', url, headers: player?.auth ?? {} });

describe('GET /api/public/videos', () => {
  let city: string;
  let star: Player;
  let fan: Player;
  let popular: string;
  let recent: string;

  beforeAll(async () => {
    city = `Medellín ${newId().slice(-8)}`;
    star = await newPlayer(api.app, { first_name: 'Luis', last_name: 'Díaz', city, country: 'Colombia' });
    fan = await newVoter(api.app, api.testDb.db);
    popular = await insertPublishedVideo(api.testDb.db, star.id, 'Popular');
    recent = await insertPublishedVideo(api.testDb.db, star.id, 'Reciente');
    expect((await vote(popular, fan)).statusCode).toBe(200);
    // Sorting by votes reads the tallied counter.
    await votesTallied(api.testDb.db);
    // Not published: never listed.
    await api.testDb.db
      .insertInto('videos')
      .values({ id: newId(), owner_id: star.id, title: 'Pendiente', original_key: 'uploaded/x.mp4' })
      .execute();
  });

  const cityQuery = () => `city=${encodeURIComponent(city.toUpperCase().replace('Í', 'I'))}`;

  it('lists published videos of a city (case and accents ignored) with the total in X-Total-Count', async () => {
    const response = await get(`/api/public/videos?${cityQuery()}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-total-count']).toBe('2');
    const videos = response.json();
    expect(videos.map((video: { title: string }) => video.title).sort()).toEqual(['Popular', 'Reciente']);
    expect(videos.find((video: { video_id: string }) => video.video_id === popular)).toEqual({
      video_id: popular,
      title: 'Popular',
      player_name: 'Luis Díaz',
      city,
      country: 'Colombia',
      processed_url: expect.stringMatching(/^http:\/\/localhost(:\d+)?\/media\/processed\/.+\.mp4\?/),
      poster_url: expect.stringMatching(/^http:\/\/localhost(:\d+)?\/media\/processed\/.+\.jpg\?/),
      votes: 1,
      uploaded_at: expect.any(String),
    });
  });

  it('sorts by votes or by recency', async () => {
    const byVotes = (await get(`/api/public/videos?${cityQuery()}&sort=votes`)).json();
    expect(byVotes.map((video: { video_id: string }) => video.video_id)).toEqual([popular, recent]);
    const byRecency = (await get(`/api/public/videos?${cityQuery()}&sort=recent`)).json();
    expect(byRecency.map((video: { video_id: string }) => video.video_id)).toEqual([recent, popular]);
  });

  it('pages with limit and offset while X-Total-Count stays the total', async () => {
    const page = await get(`/api/public/videos?${cityQuery()}&sort=votes&limit=1&offset=1`);
    expect(page.headers['x-total-count']).toBe('2');
    expect(page.json().map((video: { video_id: string }) => video.video_id)).toEqual([recent]);
  });

  it('tells a signed-in viewer which videos they voted for', async () => {
    const videos = (await get(`/api/public/videos?${cityQuery()}`, fan)).json();
    const votedByMe = Object.fromEntries(
      videos.map((video: { video_id: string; voted_by_me: boolean }) => [video.video_id, video.voted_by_me]),
    );
    expect(votedByMe).toEqual({ [popular]: true, [recent]: false });
  });

  it.each(['limit=0', 'limit=101', 'limit=abc', 'offset=-1', 'offset=1.5', 'sort=best', 'limit=1&limit=2', 'city='])(
    'answers 400 "Parámetro inválido en la consulta." for %s',
    async (query) => {
      const response = await get(`/api/public/videos?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ detail: 'Parámetro inválido en la consulta.', code: 'VALIDATION_ERROR' });
    },
  );
});

describe('POST /api/public/videos/{video_id}/vote', () => {
  let owner: Player;
  let voter: Player;
  beforeAll(async () => {
    [owner, voter] = await Promise.all([newVoter(api.app, api.testDb.db), newVoter(api.app, api.testDb.db)]);
  });

  it('counts one vote and refuses the second with DUPLICATE_VOTE', async () => {
    const videoId = await insertPublishedVideo(api.testDb.db, owner.id);
    const first = await vote(videoId, voter);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ message: 'Voto registrado exitosamente.' });
    const second = await vote(videoId, voter);
    expect(second.statusCode).toBe(400);
    expect(second.json()).toMatchObject({ code: 'DUPLICATE_VOTE', detail: 'Ya has votado por este video.' });
  });

  it('counts exactly one of concurrent double submits', async () => {
    const videoId = await insertPublishedVideo(api.testDb.db, owner.id);
    const answers = await Promise.all(Array.from({ length: 8 }, () => vote(videoId, voter)));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 400, 400, 400, 400, 400, 400, 400]);
    await votesTallied(api.testDb.db);
    const row = await api.testDb.db
      .selectFrom('videos')
      .select('votes')
      .where('id', '=', videoId)
      .executeTakeFirstOrThrow();
    expect(row.votes).toBe(1);
  });

  it('refuses a vote for your own video with OWN_VIDEO', async () => {
    const videoId = await insertPublishedVideo(api.testDb.db, owner.id);
    const response = await vote(videoId, owner);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'OWN_VIDEO', detail: 'No puedes votar por tu propio video.' });
  });

  it('answers 404 for unknown, malformed and unpublished videos', async () => {
    const pending = newId();
    await api.testDb.db
      .insertInto('videos')
      .values({ id: pending, owner_id: owner.id, title: 'P', original_key: 'k' })
      .execute();
    for (const id of [newId(), 'abc', pending]) {
      const response = await vote(id, voter);
      expect(response.statusCode).toBe(404);
      expect(response.json().detail).toBe('Video no encontrado.');
      expect(response.json().code).toBe('VIDEO_NOT_FOUND');
    }
  });

  it('answers 401 without a token', async () => {
    const videoId = await insertPublishedVideo(api.testDb.db, owner.id);
    const response = await vote(videoId);
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toBe('Falta de autenticación.');
  });
});

describe('GET /api/public/rankings', () => {
  it('orders a city by votes with shared positions for ties, and shows each vote once tallied', async () => {
    const city = `Cali ${newId().slice(-8)}`;
    const players = await Promise.all(
      ['Ana', 'Beto', 'Caro', 'Dani'].map((name) => newPlayer(api.app, { first_name: name, last_name: 'Ruiz', city })),
    );
    const voters = await Promise.all(
      Array.from({ length: 3 }, () => newVoter(api.app, api.testDb.db, { city: 'Otra' })),
    );
    const videos = await Promise.all(players.map((player) => insertPublishedVideo(api.testDb.db, player.id)));
    // Ana 3 votes, Beto 2, Caro 2, Dani 0.
    for (const voter of voters) expect((await vote(videos[0] as string, voter)).statusCode).toBe(200);
    for (const voter of voters.slice(0, 2)) {
      await vote(videos[1] as string, voter);
      await vote(videos[2] as string, voter);
    }
    await votesTallied(api.testDb.db);

    const response = await get(`/api/public/rankings?city=${encodeURIComponent(city.toLowerCase())}`);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([
      { position: 1, username: 'Ana Ruiz', city, votes: 3 },
      {
        position: 2,
        username: expect.stringMatching(/^(Beto|Caro) Ruiz$/),
        city,
        votes: 2,
      },
      {
        position: 2,
        username: expect.stringMatching(/^(Beto|Caro) Ruiz$/),
        city,
        votes: 2,
      },
    ]);

    const secondPage = (await get(`/api/public/rankings?city=${encodeURIComponent(city)}&limit=2&offset=2`)).json();
    expect(secondPage).toEqual([{ position: 2, username: expect.any(String), city, votes: 2 }]);

    await vote(videos[3] as string, voters[0] as Player);
    await votesTallied(api.testDb.db);
    const afterVote = (await get(`/api/public/rankings?city=${encodeURIComponent(city)}`)).json();
    expect(afterVote.at(-1)).toEqual({ position: 4, username: 'Dani Ruiz', city, votes: 1 });
  });

  it('filters a city ignoring accents and case: "MEDELLIN" finds players of "Medellín"', async () => {
    const suffix = newId().slice(-8);
    const city = `Medellín ${suffix}`;
    const [player, voter] = await Promise.all([
      newPlayer(api.app, { first_name: 'Íngrid', last_name: 'Mejía', city }),
      newVoter(api.app, api.testDb.db, { city: 'Otra' }),
    ]);
    const videoId = await insertPublishedVideo(api.testDb.db, player.id);
    expect((await vote(videoId, voter)).statusCode).toBe(200);
    await votesTallied(api.testDb.db);

    for (const query of [`MEDELLIN ${suffix}`, `medellin ${suffix}`, ` Medellín ${suffix} `]) {
      const response = await get(`/api/public/rankings?city=${encodeURIComponent(query)}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual([{ position: 1, username: 'Íngrid Mejía', city, votes: 1 }]);
    }
    expect((await get(`/api/public/rankings?city=${encodeURIComponent(`Medellin ${suffix}x`)}`)).json()).toEqual([]);
  });

  it('counts a person once for a player, however many of the player’s videos they voted for', async () => {
    const city = `Pasto ${newId().slice(-8)}`;
    const player = await newPlayer(api.app, { first_name: 'Sara', last_name: 'Ortiz', city });
    const [fan, other] = await Promise.all([newVoter(api.app, api.testDb.db), newVoter(api.app, api.testDb.db)]);
    const [first, second] = await Promise.all([
      insertPublishedVideo(api.testDb.db, player.id, 'Toma 1'),
      insertPublishedVideo(api.testDb.db, player.id, 'Toma 2'),
    ]);

    for (const videoId of [first, second]) expect((await vote(videoId, fan)).statusCode).toBe(200);
    expect((await vote(first, other)).statusCode).toBe(200);
    await votesTallied(api.testDb.db);

    const ranking = (await get(`/api/public/rankings?city=${encodeURIComponent(city)}`)).json();
    expect(ranking).toEqual([{ position: 1, username: 'Sara Ortiz', city, votes: 2 }]);
    // On request, the row names the player's most voted video, for a link to its page.
    const linked = (await get(`/api/public/rankings?city=${encodeURIComponent(city)}&include=video_id`)).json();
    expect(linked).toEqual([{ position: 1, username: 'Sara Ortiz', city, votes: 2, video_id: first }]);
    // Each video keeps its own votes.
    const videos = (await get(`/api/public/videos?city=${encodeURIComponent(city)}`)).json();
    const votesByTitle = Object.fromEntries(
      videos.map((video: { title: string; votes: number }) => [video.title, video.votes]),
    );
    expect(votesByTitle).toEqual({ 'Toma 1': 2, 'Toma 2': 1 });
  });

  it('answers an empty list for a city without votes', async () => {
    const response = await get('/api/public/rankings?city=Ninguna');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([]);
  });

  it.each(['limit=0', 'limit=1000', 'offset=x', 'limit=', 'city=', 'city=a%00b', 'city=a%1Bb'])(
    'answers 400 for %s',
    async (query) => {
      const response = await get(`/api/public/rankings?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ status: 400, detail: 'Parámetro inválido en la consulta.' });
    },
  );
});
