import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@anb/core';
import { createTestDatabase, type TestDatabase } from '@anb/testing/database';
import { tallyEverything } from './support/tally-everything.ts';
import { PostgresVoteRepository } from '../src/repositories/vote.repository.ts';
import { PostgresVoteTally } from '../src/repositories/vote-tally.repository.ts';
import { PostgresRankingRepository } from '../src/repositories/ranking.repository.ts';
import { PostgresVideoRepository } from '../src/repositories/video.repository.ts';
import { insertPlayer, insertVideo } from '@anb/testing/rows';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase(20);
});
afterAll(() => testDb.drop());

/** The counters as the tally left them, and the rows they must equal. */
async function countersAndRows(videoId: string, playerId: string) {
  const { db } = testDb;
  const video = await db.selectFrom('videos').select('votes').where('id', '=', videoId).executeTakeFirstOrThrow();
  const player = await db
    .selectFrom('users')
    .select('votes_received')
    .where('id', '=', playerId)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('votes')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('video_id', '=', videoId)
    .executeTakeFirstOrThrow();
  return { videoVotes: video.votes, playerVoters: player.votes_received, voteRows: Number(rows.count) };
}

describe('PostgresVoteRepository.castVote', () => {
  it('counts exactly one of many concurrent identical votes, on the video and the player', async () => {
    const { db } = testDb;
    const owner = await insertPlayer(db);
    const voter = await insertPlayer(db);
    const videoId = await insertVideo(db, owner, 'processed');
    const votes = new PostgresVoteRepository(db);

    const outcomes = await Promise.all(Array.from({ length: 10 }, () => votes.castVote(videoId, voter)));
    await tallyEverything(testDb.db);

    expect(outcomes.filter((outcome) => outcome === 'counted')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(9);
    expect(await countersAndRows(videoId, owner)).toEqual({ videoVotes: 1, playerVoters: 1, voteRows: 1 });
  });

  it('counts every one of many concurrent voters on one video exactly, with tallies running meanwhile', async () => {
    const { db } = testDb;
    const owner = await insertPlayer(db);
    const videoId = await insertVideo(db, owner, 'processed');
    const voters = await Promise.all(Array.from({ length: 40 }, () => insertPlayer(db)));
    const votes = new PostgresVoteRepository(db);
    const tally = new PostgresVoteTally(db);

    const tallies: Promise<number>[] = [];
    const outcomes = await Promise.all(
      voters.map(async (voter, i) => {
        if (i % 8 === 0) tallies.push(tally.tallyQueued(5));
        return votes.castVote(videoId, voter);
      }),
    );
    await Promise.all(tallies);
    await tallyEverything(testDb.db);

    expect(outcomes.every((outcome) => outcome === 'counted')).toBe(true);
    expect(await countersAndRows(videoId, owner)).toEqual({ videoVotes: 40, playerVoters: 40, voteRows: 40 });
  });

  it('counts a voter once for the player, however many of the player’s videos they vote for', async () => {
    const { db } = testDb;
    const owner = await insertPlayer(db);
    const [first, second] = [await insertVideo(db, owner, 'processed'), await insertVideo(db, owner, 'processed')];
    const [both, onlyFirst] = [await insertPlayer(db), await insertPlayer(db)];
    const votes = new PostgresVoteRepository(db);

    // The same voter on both videos at the same moment: still one voter for the player.
    expect(await Promise.all([votes.castVote(first, both), votes.castVote(second, both)])).toEqual([
      'counted',
      'counted',
    ]);
    expect(await votes.castVote(first, onlyFirst)).toBe('counted');
    await tallyEverything(testDb.db);

    const videos = new PostgresVideoRepository(db);
    expect((await videos.findDetail(first))?.votes).toBe(2);
    expect((await videos.findDetail(second))?.votes).toBe(1);
    const player = await db
      .selectFrom('users')
      .select('votes_received')
      .where('id', '=', owner)
      .executeTakeFirstOrThrow();
    expect(player.votes_received).toBe(2);
  });

  it('shows a vote in the video’s count at once, before any tally', async () => {
    const { db } = testDb;
    const owner = await insertPlayer(db);
    const videoId = await insertVideo(db, owner, 'processed');
    const voter = await insertPlayer(db);

    expect(await new PostgresVoteRepository(db).castVote(videoId, voter)).toBe('counted');

    const queued = await db.selectFrom('uncounted_votes').select('id').where('video_id', '=', videoId).execute();
    expect(queued).toHaveLength(1);
    expect((await new PostgresVideoRepository(db).findDetail(videoId))?.votes).toBe(1);
    const listing = await new PostgresVideoRepository(db).listPublished({
      cityKey: undefined,
      viewerId: undefined,
      sort: 'recent',
      limit: 100,
      offset: 0,
    });
    expect(listing.items.find((video) => video.id === videoId)?.votes).toBe(1);
  });

  it('refuses votes for unpublished, unknown and own videos without queueing anything', async () => {
    const { db } = testDb;
    const owner = await insertPlayer(db);
    const voter = await insertPlayer(db);
    const pending = await insertVideo(db, owner, 'processing');
    const published = await insertVideo(db, owner, 'processed');
    const votes = new PostgresVoteRepository(db);

    expect(await votes.castVote(pending, voter)).toBe('not_found');
    expect(await votes.castVote(newId(), voter)).toBe('not_found');
    expect(await votes.castVote(published, owner)).toBe('own_video');
    const queued = await db
      .selectFrom('uncounted_votes')
      .select('id')
      .where('voter_id', 'in', [voter, owner])
      .execute();
    expect(queued).toEqual([]);
  });
});

describe('PostgresVoteTally.tallyQueued', () => {
  it('lets one tally run at a time: a second one, while the first holds the lock, moves nothing', async () => {
    const { db } = testDb;
    const owner = await insertPlayer(db);
    const videoId = await insertVideo(db, owner, 'processed');
    await new PostgresVoteRepository(db).castVote(videoId, await insertPlayer(db));
    await tallyEverything(testDb.db);
    await new PostgresVoteRepository(db).castVote(videoId, await insertPlayer(db));

    const movedMeanwhile = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${0x766f7465})`.execute(trx);
      return new PostgresVoteTally(db).tallyQueued(100);
    });

    expect(movedMeanwhile).toBe(0);
    expect(await new PostgresVoteTally(db).tallyQueued(100)).toBeGreaterThanOrEqual(1);
    expect(await countersAndRows(videoId, owner)).toEqual({ videoVotes: 2, playerVoters: 2, voteRows: 2 });
  });
});

describe('PostgresRankingRepository.rankingPage', () => {
  it('counts the players ahead of a page so ties across pages share a position', async () => {
    const { db } = testDb;
    const city = `Ciudad ${newId()}`;
    const cityKey = city.toLowerCase();
    for (const votes of [5, 3, 3, 1]) await insertPlayer(db, { city, cityKey, votesReceived: votes });
    const rankings = new PostgresRankingRepository(db);

    const secondPage = await rankings.rankingPage({ cityKey, limit: 2, offset: 2, withTopVideo: false });

    expect(secondPage.players.map((player) => player.votes)).toEqual([3, 1]);
    expect(secondPage.playersAheadOfPage).toBe(1);
  });
});
