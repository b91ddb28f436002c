import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@anb/core';
import { createTestDatabase, type TestDatabase } from '@anb/testing/database';
import { PostgresVoteRepository } from '../src/repositories/vote.repository.ts';
import { PostgresRankingRepository } from '../src/repositories/ranking.repository.ts';
import { insertPlayer, insertVideo } from '@anb/testing/rows';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase(20);
});
afterAll(() => testDb.drop());

describe('PostgresVoteRepository.castVote', () => {
  it('counts exactly one of many concurrent identical votes, on the video and the player', async () => {
    const { db } = testDb;
    const owner = await insertPlayer(db);
    const voter = await insertPlayer(db);
    const videoId = await insertVideo(db, owner, 'processed');
    const votes = new PostgresVoteRepository(db);

    const outcomes = await Promise.all(Array.from({ length: 10 }, () => votes.castVote(videoId, voter)));

    expect(outcomes.filter((outcome) => outcome === 'counted')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(9);
    const video = await db.selectFrom('videos').select('votes').where('id', '=', videoId).executeTakeFirstOrThrow();
    const player = await db
      .selectFrom('users')
      .select('votes_received')
      .where('id', '=', owner)
      .executeTakeFirstOrThrow();
    expect(video.votes).toBe(1);
    expect(player.votes_received).toBe(1);
  });

  it('refuses votes for unpublished, unknown and own videos without touching counters', async () => {
    const { db } = testDb;
    const owner = await insertPlayer(db);
    const voter = await insertPlayer(db);
    const pending = await insertVideo(db, owner, 'processing');
    const published = await insertVideo(db, owner, 'processed');
    const votes = new PostgresVoteRepository(db);

    expect(await votes.castVote(pending, voter)).toBe('not_found');
    expect(await votes.castVote(newId(), voter)).toBe('not_found');
    expect(await votes.castVote(published, owner)).toBe('own_video');
    const player = await db
      .selectFrom('users')
      .select('votes_received')
      .where('id', '=', owner)
      .executeTakeFirstOrThrow();
    expect(player.votes_received).toBe(0);
  });
});

describe('PostgresRankingRepository.rankingPage', () => {
  it('counts the players ahead of a page so ties across pages share a position', async () => {
    const { db } = testDb;
    const city = `Ciudad ${newId()}`;
    const cityKey = city.toLowerCase();
    for (const votes of [5, 3, 3, 1]) await insertPlayer(db, { city, cityKey, votesReceived: votes });
    const rankings = new PostgresRankingRepository(db);

    const secondPage = await rankings.rankingPage({ cityKey, limit: 2, offset: 2 });

    expect(secondPage.players.map((player) => player.votes)).toEqual([3, 1]);
    expect(secondPage.playersAheadOfPage).toBe(1);
  });
});
