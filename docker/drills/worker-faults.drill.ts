/**
 * Workers interrupted mid-job, as a crashed task (SIGKILL) and as an ECS deploy or scale-in
 * (SIGTERM, then SIGKILL after the stop timeout) interrupt them. The video must be published once.
 * Needs the stack from `npm run docker:up -- --for-tests` (20 s visibility timeout).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newPlayer, uploadAccepted, videoOf, type Player } from './support/api.ts';
import { containersOf, docker, processesIn, waitFor, waitHealthy } from './support/containers.ts';
import { waitForIdleWorkers } from './support/leftovers.ts';
import { jobOutcomes } from './support/outcomes.ts';
import { renderableVideo } from './support/videos.ts';

let workers: string[];
let player: Player;
let video: string;

before(async () => {
  workers = await containersOf('worker');
  assert.equal(workers.length, 2, 'the stack runs two workers');
  [player, video] = await Promise.all([newPlayer(), renderableVideo()]);
  await waitForIdleWorkers();
});

after(async () => {
  // Leave both workers running for whatever runs next.
  for (const worker of workers) await docker('start', worker);
});

/**
 * Uploads a video and returns it with the worker rendering it: the one whose ffmpeg reads a job's
 * downloaded original (a worker's first job also runs ffmpeg for the bumpers, which does not count).
 */
async function uploadAndFindItsWorker(): Promise<{ videoId: string; busy: string; other: string }> {
  const videoId = await uploadAccepted(player, video);
  const busy = await waitFor('a worker to run ffmpeg on the upload', async () => {
    for (const worker of workers) {
      if ((await processesIn(worker)).some((args) => /\bffmpeg\b.*\/original\.mp4\b/.test(args))) return worker;
    }
    return undefined;
  });
  assert.equal((await videoOf(player, videoId)).status, 'processing');
  return { videoId, busy, other: workers.find((worker) => worker !== busy)! };
}

const waitPublished = (videoId: string) =>
  waitFor(
    `video ${videoId} to be published`,
    async () => ((await videoOf(player, videoId)).status === 'processed' ? true : undefined),
    240_000,
  );

test('a worker killed mid-job (SIGKILL): the other worker publishes the video, exactly once', async () => {
  const { videoId, busy, other } = await uploadAndFindItsWorker();
  await docker('kill', busy);

  await waitPublished(videoId);
  const outcomes = await jobOutcomes(videoId);
  assert.deepEqual(outcomes, [{ container: other, result: 'published' }]);
  const detail = await videoOf(player, videoId);
  const media = await fetch(detail.processed_url!, { headers: { range: 'bytes=0-1023' } });
  assert.equal(media.status, 206);

  await docker('start', busy);
  await waitHealthy(busy);
});

test('a worker stopped mid-job (SIGTERM, as an ECS deploy does): it finishes or releases the job, and the video is published once', async () => {
  const { videoId, busy } = await uploadAndFindItsWorker();
  // `docker stop` sends SIGTERM and waits up to the container's stop timeout (120 s, as on ECS) before SIGKILL.
  await docker('stop', busy);
  const [exitCode, oomKilled] = (
    await docker('inspect', '--format', '{{.State.ExitCode}} {{.State.OOMKilled}}', busy)
  ).split(' ');
  assert.equal(exitCode, '0', 'the worker exits on its own within the stop timeout, not killed');
  assert.equal(oomKilled, 'false');

  await waitPublished(videoId);
  const outcomes = await jobOutcomes(videoId);
  assert.equal(outcomes.length, 1, `one "video job done" record, got ${JSON.stringify(outcomes)}`);
  assert.equal(outcomes[0]!.result, 'published');

  await docker('start', busy);
  await waitHealthy(busy);
});
