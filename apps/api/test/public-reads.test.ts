import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@anb/core';
import { newVoter } from '@anb/testing/mailbox';
import { newOrganiser } from '@anb/testing/organisers';
import type { Player } from '@anb/testing/players';
import { insertVideo } from '@anb/testing/rows';
import { votesTallied } from '@anb/testing/votes';
import { startTestApi, type TestApi } from './support/test-api.ts';

// The shared public answers switched on, with the longest window allowed: whatever a test sees at once
// after acting came from a fresh read, not from the window running out.
let api: TestApi;
let organiser: Player;
beforeAll(async () => {
  api = await startTestApi({ PUBLIC_READ_FRESH_MS: '2000' });
  organiser = await newOrganiser(api.app, api.testDb.db);
});
afterAll(() => api.close());

const get = (url: string, who?: Player) => api.app.inject({ method: 'GET', url, headers: who?.auth ?? {} });
const post = (url: string, who: Player, payload: object = {}) =>
  api.app.inject({ method: 'POST', url, headers: who.auth, payload });

interface ListedVideo {
  video_id: string;
  votes: number;
  voted_by_me?: boolean;
}

/** A player of a city of their own with one published video, and a fan from elsewhere who may vote. */
async function publishedVideoWithFan() {
  const city = `Pereira ${newId().slice(-8)}`;
  const owner = await newVoter(api.app, api.testDb.db, { first_name: 'Nora', last_name: 'Lince', city });
  const fan = await newVoter(api.app, api.testDb.db, { city: 'Tunja' });
  const videoId = await insertVideo(api.testDb.db, owner.id, 'processed');
  const query = `city=${encodeURIComponent(city)}`;
  const listing = async (who?: Player) => (await get(`/api/public/videos?${query}`, who)).json() as ListedVideo[];
  const ranking = async () => (await get(`/api/public/rankings?${query}`)).json() as { votes: number }[];
  return { owner, fan, videoId, listing, ranking };
}

describe('shared public answers (PUBLIC_READ_FRESH_MS on)', () => {
  it('shows a vote tallied here to the next reader of the rankings and the listing, though both were just read', async () => {
    const { fan, videoId, listing, ranking } = await publishedVideoWithFan();
    expect(await ranking()).toEqual([]);
    expect((await listing()).map((video) => video.votes)).toEqual([0]);

    expect((await post(`/api/public/videos/${videoId}/vote`, fan)).statusCode).toBe(200);
    await votesTallied(api.testDb.db);

    expect(await ranking()).toMatchObject([{ position: 1, username: 'Nora Lince', votes: 1 }]);
    expect((await listing()).map((video) => video.votes)).toEqual([1]);
  });

  it('takes a hidden video out of every public answer at once, and brings it back on restore', async () => {
    const { fan, videoId, listing, ranking } = await publishedVideoWithFan();
    await post(`/api/public/videos/${videoId}/vote`, fan);
    await votesTallied(api.testDb.db);
    expect((await listing()).map((video) => video.video_id)).toEqual([videoId]);
    expect(await ranking()).toHaveLength(1);

    const hidden = await post(`/api/admin/videos/${videoId}/hide`, organiser, { reason: 'Contenido ajeno' });
    expect(hidden.statusCode).toBe(200);
    expect(await listing()).toEqual([]);
    expect(await ranking()).toEqual([]);

    expect((await post(`/api/admin/videos/${videoId}/restore`, organiser)).statusCode).toBe(200);
    expect((await listing()).map((video) => video.video_id)).toEqual([videoId]);
    expect(await ranking()).toMatchObject([{ votes: 1 }]);
  });

  it("never shares a signed-in listing: right after voting, the voter's own listing says so", async () => {
    const { fan, videoId, listing } = await publishedVideoWithFan();
    expect(await listing()).toEqual([expect.not.objectContaining({ voted_by_me: expect.anything() })]);
    expect(await listing(fan)).toMatchObject([{ video_id: videoId, voted_by_me: false, votes: 0 }]);

    await post(`/api/public/videos/${videoId}/vote`, fan);

    expect(await listing(fan)).toMatchObject([{ video_id: videoId, voted_by_me: true, votes: 1 }]);
    expect(await listing()).toEqual([expect.not.objectContaining({ voted_by_me: expect.anything() })]);
  });

  it('serves a shared answer with the same body, type and headers as the read it came from', async () => {
    const { fan, videoId } = await publishedVideoWithFan();
    await post(`/api/public/videos/${videoId}/vote`, fan);
    await votesTallied(api.testDb.db);
    for (const url of ['/api/public/videos?limit=5&sort=votes', '/api/public/rankings?limit=5&include=video_id']) {
      const [read, shared] = [await get(url), await get(url)];
      expect(shared.statusCode).toBe(200);
      expect(shared.body).toBe(read.body);
      expect(shared.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(shared.headers['x-total-count']).toBe(read.headers['x-total-count']);
      expect(shared.headers['x-ranking-status']).toBe(read.headers['x-ranking-status']);
    }
    const rankings = await get('/api/public/rankings?limit=5&include=video_id');
    expect(rankings.headers['x-ranking-status']).toBe('provisional');
    expect(rankings.json()[0]).toEqual(
      expect.objectContaining({ video_id: expect.any(String), votes: expect.any(Number) }),
    );
    expect(Number((await get('/api/public/videos?limit=5&sort=votes')).headers['x-total-count'])).toBeGreaterThan(0);
  });
});
