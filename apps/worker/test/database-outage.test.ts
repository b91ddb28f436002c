import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '@anb/config';
import { objectKeys } from '@anb/core';
import { openRuntime, type Runtime } from '@anb/runtime';
import { insertPlayer } from '@anb/testing/rows';
import { startStoppablePostgres, type StoppablePostgres } from '@anb/testing/stoppable-postgres';
import { mp4Fixture } from '@anb/testing/mp4';
import { startWorker, type RunningWorker } from '../src/start-worker.ts';
import { uploadedVideo as uploadedVideoIn } from './support/uploaded-video.ts';
import { waitFor } from '@anb/testing/wait-for';

let postgres: StoppablePostgres;
let dataDir: string;
let config: Config;
let runtime: Runtime;
let worker: RunningWorker | undefined;
let owner: string;
const errors: string[] = [];
const log = { info: () => {}, error: (_fields: object, message: string) => void errors.push(message) };

beforeAll(async () => {
  postgres = await startStoppablePostgres();
  dataDir = await mkdtemp(path.join(tmpdir(), 'anb-worker-outage-'));
  config = loadConfig({
    DATABASE_URL: postgres.connectionString,
    DATA_DIR: dataDir,
    VIDEO_MIN_SECONDS: '1',
    VIDEO_MIN_SHORT_SIDE: '300',
    FFMPEG_PRESET: 'ultrafast',
    // One job slot: while the held job runs, no other slot of this worker can receive its message
    // again. With a spare slot, an outage longer than the visibility timeout (or a heartbeat late on a
    // busy machine) lets the message be received twice, and the counts below would depend on timing.
    WORKER_CONCURRENCY: '1',
  });
  runtime = await openRuntime(config, () => {});
  owner = await insertPlayer(runtime.db);
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  errors.length = 0;
});
afterAll(async () => {
  await runtime?.close();
  await postgres?.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

const uploadedVideo = async () =>
  uploadedVideoIn(runtime, owner, await mp4Fixture({ width: 640, height: 360, seconds: 6, fps: 15 }));

const statusOf = async (id: string) =>
  (await runtime.db.selectFrom('videos').select(['status', 'attempts']).where('id', '=', id).executeTakeFirst()) ??
  undefined;

async function published(id: string) {
  return waitFor(async () => {
    const row = await statusOf(id).catch(() => undefined);
    return row?.status === 'processed' ? row : undefined;
  });
}

async function queueIsEmpty() {
  return waitFor(async () => {
    const rows = await runtime.db.selectFrom('queue_messages').select('id').execute();
    return rows.length === 0 ? true : undefined;
  });
}

// Real renders: a busy machine can take several times as long as an idle one, so the limit is generous.
describe('the worker during a database outage', { timeout: 180_000 }, () => {
  it('waits while the database is down and takes the queued job once it is back', async () => {
    const id = await uploadedVideo();
    await postgres.stop();
    worker = startWorker(config, runtime, log);
    await waitFor(async () => (errors.includes('queue unavailable; backing off') ? true : undefined));

    await postgres.start();
    expect(await published(id)).toEqual({ status: 'processed', attempts: 1 });
    await queueIsEmpty();
  });

  it('holds a job whose database went away mid-render, and renders and publishes it once the database is back', async () => {
    worker = startWorker(config, runtime, log);
    const id = await uploadedVideo();
    await waitFor(async () => ((await statusOf(id))?.status === 'processing' ? true : undefined), { intervalMs: 10 });
    await postgres.stop();
    // The render goes on, but the video cannot be published: the worker keeps the job and waits.
    await waitFor(async () =>
      errors.includes('database unreachable: holding the job until it is back') ? true : undefined,
    );

    await postgres.start();
    // Run again by the same worker (a second claim), published once, and never counted as a failure.
    expect(await published(id)).toEqual({ status: 'processed', attempts: 2 });
    expect(errors).not.toContain('video job failed; it will be retried');
    await queueIsEmpty();
    const outputs = await runtime.db
      .selectFrom('videos')
      .select(['processed_key', 'poster_key'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(outputs).toEqual({ processed_key: objectKeys.processed(id), poster_key: objectKeys.poster(id) });
    // The files are there too: no second run of the job deleted what the first one published.
    const processed = await readdir(path.join(dataDir, 'objects', 'processed'));
    expect(processed.filter((file) => file.startsWith(id)).sort()).toEqual([`${id}.jpg`, `${id}.mp4`]);
  });
});
