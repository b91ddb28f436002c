/**
 * The crash drill of the embedded stack: votes flow, the whole `npm start` process group (API, worker and
 * embedded PostgreSQL) is killed with SIGKILL, the stack starts again on the same data, and every vote that
 * was answered 200 is there, with the video's count, the ranking and the vote rows in agreement.
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { validLandscape } from '@anb/testing/mp4';
import { newPlayerOverHttp, type HttpPlayer } from '@anb/testing/players-over-http';
import { startStack, type RunningStack } from '@anb/testing/stack';
import { waitFor } from '@anb/testing/wait-for';

const VOTERS = 240;
/** The crash comes once this many votes were answered, while the rest are still being sent. */
const CRASH_AFTER = 120;
const CITY = 'Tunja';

const env = {
  VOTE_REQUIRES_VERIFIED_EMAIL: 'false',
  BCRYPT_COST: '4',
  RATE_LIMIT_AUTH_MAX: '100000',
  VOTE_RATE_PER_CLIENT: '100000',
  WORKER_ENABLED: 'true',
};

let folder: string | undefined;
let stack: RunningStack | undefined;
afterAll(async () => {
  await stack?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function publishedVideo(api: string, owner: HttpPlayer): Promise<string> {
  const form = new FormData();
  form.append('video_file', new Blob([await readFile(await validLandscape())], { type: 'video/mp4' }), 'jugada.mp4');
  form.append('title', 'Jugada');
  const upload = await fetch(`${api}/videos/upload`, { method: 'POST', headers: owner.auth, body: form });
  expect(upload.status, await upload.clone().text()).toBe(201);
  const { video_id: videoId } = (await upload.json()) as { video_id: string };
  await waitFor(
    async () => {
      const detail = (await (await fetch(`${api}/videos/${videoId}`, { headers: owner.auth })).json()) as {
        status: string;
      };
      if (detail.status === 'failed') throw new Error('processing failed');
      return detail.status === 'processed' ? true : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 250 },
  );
  return videoId;
}

it('keeps every vote answered 200 through a SIGKILL of the whole stack, counters equal to rows', async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'anb-vote-crash-'));
  const dataDir = path.join(folder, 'data');
  stack = await startStack({ dataDir, ownProcessGroup: true, env });
  let api = stack.baseUrl;

  const owner = await newPlayerOverHttp(api, CITY);
  const videoId = await publishedVideo(api, owner);
  const voters: HttpPlayer[] = [];
  while (voters.length < VOTERS) {
    voters.push(...(await Promise.all(Array.from({ length: 8 }, () => newPlayerOverHttp(api, 'Otra')))));
  }

  // Votes flow, eight at a time; the crash lands among them.
  const answered: HttpPlayer[] = [];
  let crashed: Promise<void> | undefined;
  const queue = [...voters];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let voter = queue.shift(); voter; voter = queue.shift()) {
        const response = await fetch(`${api}/public/videos/${videoId}/vote`, { method: 'POST', headers: voter.auth })
          .then((answer) => answer.status)
          .catch(() => 0);
        if (response === 200) answered.push(voter);
        if (answered.length === CRASH_AFTER && !crashed) crashed = stack?.crash();
        if (crashed) return;
      }
    }),
  );
  await crashed;
  expect(answered.length).toBeGreaterThanOrEqual(CRASH_AFTER);

  stack = await startStack({ dataDir, ownProcessGroup: true, env });
  api = stack.baseUrl;

  // Every answered vote is there: its voter sees it.
  for (const voter of answered) {
    const listing = (await (await fetch(`${api}/public/videos?city=${CITY}`, { headers: voter.auth })).json()) as {
      video_id: string;
      voted_by_me: boolean;
    }[];
    expect(listing.find((video) => video.video_id === videoId)?.voted_by_me, voter.email).toBe(true);
  }
  // Counters equal rows: the video's count is its vote rows, and the ranking (one video, so one voter per
  // vote) catches up with it once the tally has run after the restart.
  let votersWithRows = 0;
  for (const voter of voters) {
    const listing = (await (await fetch(`${api}/public/videos?city=${CITY}`, { headers: voter.auth })).json()) as {
      video_id: string;
      voted_by_me: boolean;
      votes: number;
    }[];
    if (listing.find((video) => video.video_id === videoId)?.voted_by_me) votersWithRows += 1;
  }
  const detail = (await (await fetch(`${api}/videos/${videoId}`, { headers: owner.auth })).json()) as {
    votes: number;
  };
  expect(detail.votes).toBe(votersWithRows);
  const ranking = await waitFor(async () => {
    const rows = (await (await fetch(`${api}/public/rankings?city=${CITY}`)).json()) as { votes: number }[];
    return rows[0]?.votes === votersWithRows ? rows : undefined;
  });
  expect(ranking).toEqual([{ position: 1, username: 'Jugadora De Prueba', city: CITY, votes: votersWithRows }]);
}, 300_000);
