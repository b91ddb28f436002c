import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_LINE, newId, type AuditNote } from '@anb/core';
import { createTestDatabase, type TestDatabase } from '@anb/testing/database';
import { tallyEverything } from './support/tally-everything.ts';
import { insertPlayer, insertVideo } from '@anb/testing/rows';
import { countersUnlikeRows } from '@anb/testing/votes';
import { PostgresModerationRepository } from '../src/repositories/moderation.repository.ts';
import { PostgresVoteRepository } from '../src/repositories/vote.repository.ts';
import { PostgresVoteTally } from '../src/repositories/vote-tally.repository.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase(20);
});
afterAll(() => testDb.drop());

const note: AuditNote = { actor: COMMAND_LINE, reason: 'prueba' };

async function counters(videoId: string, playerId: string) {
  const { db } = testDb;
  const video = await db.selectFrom('videos').select('votes').where('id', '=', videoId).executeTakeFirstOrThrow();
  const player = await db
    .selectFrom('users')
    .select('votes_received')
    .where('id', '=', playerId)
    .executeTakeFirstOrThrow();
  return { video: video.votes, player: player.votes_received };
}

describe('hiding and restoring a video', () => {
  it('drops from the player only the voters who voted for no other visible video, and brings them back', async () => {
    const { db } = testDb;
    const moderation = new PostgresModerationRepository(db);
    const votes = new PostgresVoteRepository(db);
    const player = await insertPlayer(db);
    const [hidden, kept] = [await insertVideo(db, player, 'processed'), await insertVideo(db, player, 'processed')];
    const [onlyHidden, both] = [await insertPlayer(db), await insertPlayer(db)];
    for (const [video, voter] of [
      [hidden, onlyHidden],
      [hidden, both],
      [kept, both],
    ] as const) {
      expect(await votes.castVote(video, voter)).toBe('counted');
    }
    await tallyEverything(testDb.db);
    expect(await counters(hidden, player)).toEqual({ video: 2, player: 2 });

    expect(await moderation.hideVideo(hidden, note)).toBeInstanceOf(Date);
    expect(await counters(hidden, player)).toEqual({ video: 2, player: 1 });
    expect(await votes.castVote(hidden, await insertPlayer(db))).toBe('not_found');

    expect(await moderation.restoreVideo(hidden, note)).toBe('restored');
    expect(await counters(hidden, player)).toEqual({ video: 2, player: 2 });
    expect(await countersUnlikeRows(db)).toEqual([]);
  });

  it('refuses what cannot be hidden or restored, and changes nothing', async () => {
    const { db } = testDb;
    const moderation = new PostgresModerationRepository(db);
    const player = await insertPlayer(db);
    const processing = await insertVideo(db, player, 'processing');
    const published = await insertVideo(db, player, 'processed');

    expect(await moderation.hideVideo(processing, note)).toBe('not_published');
    expect(await moderation.hideVideo(newId(), note)).toBe('not_found');
    expect(await moderation.restoreVideo(published, note)).toBe('not_hidden');
    expect(await moderation.restoreVideo(newId(), note)).toBe('not_found');
    const audit = await db
      .selectFrom('audit_log')
      .select('id')
      .where('target_id', 'in', [processing, published])
      .execute();
    expect(audit).toEqual([]);
  });
});

describe('suspending a voter', () => {
  it('with void_votes, stops their votes counting everywhere at once, and reinstating counts them again', async () => {
    const { db } = testDb;
    const moderation = new PostgresModerationRepository(db);
    const votes = new PostgresVoteRepository(db);
    const [playerA, playerB] = [await insertPlayer(db), await insertPlayer(db)];
    const [videoA, videoB] = [await insertVideo(db, playerA, 'processed'), await insertVideo(db, playerB, 'processed')];
    const [fraud, honest] = [await insertPlayer(db), await insertPlayer(db)];
    for (const video of [videoA, videoB]) {
      await votes.castVote(video, fraud);
      await votes.castVote(video, honest);
    }
    // One vote stays queued: the recount must not count it twice when the tally takes it.
    await tallyEverything(testDb.db);
    const late = await insertPlayer(db);
    await votes.castVote(videoA, late);

    expect(await moderation.suspend(fraud, true, note)).toBe('suspended');
    expect(await counters(videoB, playerB)).toEqual({ video: 1, player: 1 });
    await tallyEverything(testDb.db);
    expect(await counters(videoA, playerA)).toEqual({ video: 2, player: 2 });

    expect(await moderation.suspend(fraud, true, note)).toBe('already_suspended');
    expect(await moderation.reinstate(fraud, note)).toBe('reinstated');
    expect(await counters(videoA, playerA)).toEqual({ video: 3, player: 3 });
    expect(await moderation.reinstate(fraud, note)).toBe('not_suspended');
    expect(await countersUnlikeRows(db)).toEqual([]);
  });

  it('without void_votes, keeps their votes counting', async () => {
    const { db } = testDb;
    const moderation = new PostgresModerationRepository(db);
    const player = await insertPlayer(db);
    const video = await insertVideo(db, player, 'processed');
    const voter = await insertPlayer(db);
    await new PostgresVoteRepository(db).castVote(video, voter);
    await tallyEverything(testDb.db);

    expect(await moderation.suspend(voter, false, note)).toBe('suspended');
    expect(await counters(video, player)).toEqual({ video: 1, player: 1 });
  });
});

describe('counts under concurrent votes', () => {
  it('stay exact through hides, restores, suspensions and reinstatements while votes and tallies run', async () => {
    const { db } = testDb;
    const moderation = new PostgresModerationRepository(db);
    const votes = new PostgresVoteRepository(db);
    const tally = new PostgresVoteTally(db);
    const players = await Promise.all(Array.from({ length: 3 }, () => insertPlayer(db)));
    const videos = await Promise.all(
      players.flatMap((player) => [0, 1].map(() => insertVideo(db, player, 'processed'))),
    );
    const voters = await Promise.all(Array.from({ length: 40 }, () => insertPlayer(db)));

    let voting = true;
    const tallying = (async () => {
      while (voting) await tally.tallyQueued(50);
    })();
    const casting = Promise.all(
      voters.map(async (voter, index) => {
        // Each voter votes for every video, in their own order.
        for (let step = 0; step < videos.length; step += 1) {
          await votes.castVote(videos[(index + step) % videos.length]!, voter);
        }
      }),
    );
    const moderating = (async () => {
      for (let round = 0; round < 4; round += 1) {
        const video = videos[round % videos.length]!;
        const voter = voters[round]!;
        await moderation.hideVideo(video, note);
        await moderation.suspend(voter, true, note);
        if (round % 2 === 0) {
          await moderation.restoreVideo(video, note);
          await moderation.reinstate(voter, note);
        }
      }
    })();
    await Promise.all([casting, moderating]);
    voting = false;
    await tallying;
    await tallyEverything(db);

    expect(await countersUnlikeRows(db)).toEqual([]);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from votes`.execute(db);
    expect(rows[0]!.n).toBeGreaterThan(0);
  });
});

describe('roles and reports', () => {
  it('sets a role by e-mail once, records it, and says when nothing changed', async () => {
    const { db } = testDb;
    const moderation = new PostgresModerationRepository(db);
    const id = await insertPlayer(db);
    const email = `${id}@example.com`;

    expect(await moderation.setRole(email, 'organiser', note)).toBe('changed');
    expect(await moderation.setRole(email, 'organiser', note)).toBe('unchanged');
    expect(await moderation.setRole('nadie@example.com', 'organiser', note)).toBe('not_found');
    const entries = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('target_id', '=', id)
      .execute();
    expect(entries).toEqual([{ action: 'grant_organiser', actor_id: null }]);
  });

  it('takes one report per user on a published video only', async () => {
    const { db } = testDb;
    const moderation = new PostgresModerationRepository(db);
    const player = await insertPlayer(db);
    const published = await insertVideo(db, player, 'processed');
    const processing = await insertVideo(db, player, 'processing');
    const reporter = await insertPlayer(db);
    const report = (videoId: string) =>
      moderation.addReport({ id: newId(), videoId, reporterId: reporter, reason: 'spam', details: null });

    expect(await report(published)).toBe('added');
    expect(await report(published)).toBe('already_reported');
    expect(await report(processing)).toBe('not_found');
    expect(await moderation.hideVideo(published, note)).toBeInstanceOf(Date);
    const open = await db
      .selectFrom('video_reports')
      .select('id')
      .where('video_id', '=', published)
      .where('handled_at', 'is', null)
      .execute();
    expect(open).toEqual([]);
  });

  it('keeps the audit log append-only, even for the schema owner', async () => {
    const { db } = testDb;
    await new PostgresModerationRepository(db).setRole(`${await insertPlayer(db)}@example.com`, 'organiser', note);
    await expect(sql`update audit_log set reason = 'cambiado'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
  });
});
