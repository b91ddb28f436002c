import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { objectKeys } from '@anb/core';
import { locateMediaTools } from '@anb/media';
import { insertPlayer } from '@anb/testing/rows';
import { createTestRuntime, type TestRuntime } from '@anb/testing/runtime';
import { mp4Fixture } from '@anb/testing/mp4';
import { startWorker, type RunningWorker } from '../src/start-worker.ts';
import { uploadedVideo as uploadedVideoIn } from './support/uploaded-video.ts';
import { waitFor } from '@anb/testing/wait-for';

const run = promisify(execFile);
const silentLog = { info: () => {}, error: () => {} };

// Small inputs keep the suite quick; the contest limits are covered by the media package's tests.
const env = {
  VIDEO_MIN_SECONDS: '1',
  VIDEO_MIN_SHORT_SIDE: '300',
  FFMPEG_PRESET: 'ultrafast',
  QUEUE_MAX_RECEIVES: '3',
};

let t: TestRuntime;
let worker: RunningWorker | undefined;
let owner: string;
beforeAll(async () => {
  t = await createTestRuntime(env);
  owner = await insertPlayer(t.testDb.db);
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});
afterAll(() => t.close());

const uploadedVideo = (source: string) => uploadedVideoIn(t.runtime, owner, source);

const videoRow = (id: string) => t.testDb.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst();

async function settled(id: string) {
  return waitFor(async () => {
    const row = await videoRow(id);
    return row && (row.status === 'processed' || row.status === 'failed') ? row : undefined;
  });
}

async function probe(file: string) {
  // The ffprobe the worker uses: the system's, or the npm package's where the machine has none.
  const ffprobe = locateMediaTools().ffprobePath;
  const { stdout } = await run(ffprobe, ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file]);
  return JSON.parse(stdout) as {
    streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
    format: { duration: string };
  };
}

// Real renders: a busy machine can take several times as long as an idle one, so the limit is generous.
describe('the worker', { timeout: 180_000 }, () => {
  it('turns a queued upload into a published 1280x720 H.264 clip without audio, with a poster', async () => {
    const id = await uploadedVideo(await mp4Fixture({ width: 640, height: 360, seconds: 4, fps: 15, audio: true }));
    worker = startWorker(t.config, t.runtime, silentLog);

    const row = await settled(id);

    expect(row).toMatchObject({
      status: 'processed',
      attempts: 1,
      processed_key: `processed/${id}.mp4`,
      poster_key: `processed/${id}.jpg`,
    });
    expect(row?.processed_at).toBeInstanceOf(Date);
    const output = await probe(path.join(t.dataDir, 'objects', 'processed', `${id}.mp4`));
    expect(output.streams.map((stream) => stream.codec_type)).toEqual(['video']);
    expect(output.streams[0]).toMatchObject({ codec_name: 'h264', width: 1280, height: 720 });
    expect(Number(output.format.duration)).toBeCloseTo(4 + 5, 0);
    const poster = await probe(path.join(t.dataDir, 'objects', 'processed', `${id}.jpg`));
    expect(poster.streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 1280, height: 720 });
    await waitFor(async () => ((await t.queuedVideoIds()).includes(id) ? undefined : true));
    expect((await t.filesOnDisk()).filter((file) => file.startsWith('work/job-'))).toEqual([]);
  });

  it('fails a poison input once with a readable reason and acknowledges it', async () => {
    const fake = path.join(t.dataDir, 'tmp', 'notes.txt');
    await writeFile(fake, 'this is not a video at all');
    const id = await uploadedVideo(fake);
    worker = startWorker(t.config, t.runtime, silentLog);

    const row = await settled(id);

    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.failure_reason).toMatch(/\S/);
    await waitFor(async () => ((await t.queuedVideoIds()).includes(id) ? undefined : true));
    expect(await t.runtime.queue.depth()).toMatchObject({ dead: 0 });
  });

  it('ignores a redelivered message for a video already published: no second output or state change', async () => {
    const id = await uploadedVideo(await mp4Fixture({ width: 640, height: 360, seconds: 2, fps: 15 }));
    worker = startWorker(t.config, t.runtime, silentLog);
    const first = await settled(id);

    await t.runtime.queue.publish({ videoId: id });
    await waitFor(async () => ((await t.queuedVideoIds()).includes(id) ? undefined : true));

    const again = await videoRow(id);
    expect(again).toMatchObject({ status: 'processed', attempts: first?.attempts, processed_at: first?.processed_at });
  });

  it('keeps the published clip when a second delivery of its task, taken while the first rendered, finishes after it', async () => {
    const id = await uploadedVideo(await mp4Fixture({ width: 640, height: 360, seconds: 2, fps: 15 }));
    // The queue hands the task out twice, as SQS does when a render outlives its visibility timeout.
    await t.runtime.queue.publish({ videoId: id });
    worker = startWorker(t.config, t.runtime, silentLog);
    await waitFor(async () => ((await t.queuedVideoIds()).includes(id) ? undefined : true));

    // Two attempts: the second delivery claimed the video before the first published it.
    expect(await videoRow(id)).toMatchObject({ status: 'processed', attempts: 2 });
    const outputs = (await t.filesOnDisk()).filter((file) => file.includes(`processed${path.sep}${id}`)).sort();
    expect(outputs.map((file) => path.basename(file))).toEqual([`${id}.jpg`, `${id}.mp4`]);
  });

  it('leaves nothing behind when the owner deletes the video while it is being rendered', async () => {
    const id = await uploadedVideo(await mp4Fixture({ width: 640, height: 360, seconds: 4, fps: 15 }));
    worker = startWorker(t.config, t.runtime, silentLog);
    await waitFor(async () => ((await videoRow(id))?.status === 'processing' ? true : undefined), { intervalMs: 5 });

    // What DELETE /api/videos/{id} does: guarded delete of the row, then every key of the video.
    await t.testDb.db.deleteFrom('videos').where('id', '=', id).where('status', '!=', 'processed').execute();
    await t.runtime.store.delete([objectKeys.original(id), objectKeys.processed(id), objectKeys.poster(id)]);
    await waitFor(async () => ((await t.queuedVideoIds()).includes(id) ? undefined : true));

    expect(await videoRow(id)).toBeUndefined();
    expect((await t.filesOnDisk()).filter((file) => file.includes(id))).toEqual([]);
  });

  it('prepares the next video while one encodes, and never encodes more at once than it has turns', async () => {
    const fixture = await mp4Fixture({ width: 640, height: 360, seconds: 4, fps: 15 });
    const ids = [await uploadedVideo(fixture), await uploadedVideo(fixture)];
    const done: Record<string, number>[] = [];
    worker = startWorker({ ...t.config, WORKER_CONCURRENCY: 1 }, t.runtime, {
      info: (fields, message) => {
        if (message === 'video job done') done.push(fields as Record<string, number>);
      },
      error: () => {},
    });

    for (const id of ids) expect(await settled(id)).toMatchObject({ status: 'processed' });
    await waitFor(async () => (done.length === 2 ? true : undefined));

    const [first, second] = [...done].sort((a, b) => a.encodeStartedAt! - b.encodeStartedAt!);
    // The second job was taken, and went as far as its turn, while the first still ran...
    expect(second!.startedAt).toBeLessThan(first!.endedAt!);
    // ...and its encode began only once the first one's had ended.
    expect(second!.encodeStartedAt).toBeGreaterThanOrEqual(first!.encodeEndedAt!);
  });

  it("logs each job's steps and when it ran, for the end-to-end benchmark's breakdown", async () => {
    const id = await uploadedVideo(await mp4Fixture({ width: 640, height: 360, seconds: 2, fps: 15 }));
    const lines: { message: string; fields: Record<string, unknown> }[] = [];
    worker = startWorker(t.config, t.runtime, {
      info: (fields, message) => lines.push({ message, fields: fields as Record<string, unknown> }),
      error: () => {},
    });

    await settled(id);
    const done = await waitFor(async () => lines.find((line) => line.message === 'video job done')?.fields);

    expect(done).toMatchObject({ videoId: id, result: 'published' });
    const stages = done?.stages as Record<string, number>;
    for (const step of [
      'claim',
      'download',
      'probe',
      'bumpers',
      'encode',
      'verify',
      'join',
      'store',
      'publish',
      'cleanup',
    ])
      expect(stages[step], step).toBeGreaterThanOrEqual(0);
    expect(stages.encode).toBeGreaterThan(0);
    const { startedAt, endedAt, ms } = done as { startedAt: number; endedAt: number; ms: number };
    expect(endedAt).toBeGreaterThanOrEqual(startedAt);
    // The steps run one after the other inside the job, so they never add up to more than it lasted.
    const serial = Object.entries(stages).filter(([step]) => step !== 'progress');
    expect(serial.reduce((sum, [, stepMs]) => sum + stepMs, 0)).toBeLessThanOrEqual(ms + serial.length);
  });
});
