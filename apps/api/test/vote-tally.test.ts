import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVoter } from '@anb/testing/mailbox';
import { insertVideo } from '@anb/testing/rows';
import { votesTallied } from '@anb/testing/votes';
import { startTestApi, type TestApi } from './support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  // No tick during the test: only the vote itself can start a tally round.
  api = await startTestApi({ VOTE_TALLY_INTERVAL_MS: String(60 * 60 * 1000) });
});
afterAll(() => api.close());

describe('the vote tally', () => {
  it('runs as soon as a vote is counted, not at the next tick', async () => {
    const [owner, voter] = await Promise.all([newVoter(api.app, api.testDb.db), newVoter(api.app, api.testDb.db)]);
    const videoId = await insertVideo(api.testDb.db, owner.id, 'processed');

    const answer = await api.app.inject({
      method: 'POST',
      url: `/api/public/videos/${videoId}/vote`,
      headers: voter.auth,
    });
    expect(answer.statusCode).toBe(200);
    await votesTallied(api.testDb.db);

    const counters = await api.testDb.db
      .selectFrom('users')
      .select('votes_received')
      .where('id', '=', owner.id)
      .executeTakeFirstOrThrow();
    expect(counters.votes_received).toBe(1);
  });
});
