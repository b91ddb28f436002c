import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPlayer } from '@anb/testing/rows';
import { createTestRuntime, type TestRuntime } from '@anb/testing/runtime';
import { mp4Fixture, type Mp4Spec } from '@anb/testing/mp4';
import { startWorker } from '../src/start-worker.ts';
import { uploadedVideo as uploadedVideoIn } from './support/uploaded-video.ts';
import { waitFor } from '@anb/testing/wait-for';

const workerMain = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const env = {
  VIDEO_MIN_SECONDS: '1',
  VIDEO_MIN_SHORT_SIDE: '300',
  FFMPEG_PRESET: 'ultrafast',
  // Long: a message that comes back quickly was released by the stopping worker, not timed out.
  QUEUE_VISIBILITY_TIMEOUT: '600',
};

let t: TestRuntime;
let owner: string;
const children: ChildProcess[] = [];
beforeAll(async () => {
  t = await createTestRuntime(env);
  owner = await insertPlayer(t.testDb.db);
});
afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  }
  await t.close();
});

const uploadedVideo = async (spec: Mp4Spec) => uploadedVideoIn(t.runtime, owner, await mp4Fixture(spec));

/** The real worker process (main.ts), in its own process group so its ffmpeg can be found and killed. */
function workerProcess(stopTimeoutSeconds: number): ChildProcess {
  const child = spawn(process.execPath, [workerMain], {
    env: {
      ...process.env,
      ...env,
      WORKER_STOP_TIMEOUT: String(stopTimeoutSeconds),
      DATA_DIR: t.dataDir,
      DATABASE_URL: t.testDb.connectionString,
      LOG_LEVEL: 'silent',
    },
    detached: true,
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

const row = (id: string) =>
  t.testDb.db.selectFrom('videos').select(['status', 'attempts']).where('id', '=', id).executeTakeFirst();

const whenProcessing = (id: string) =>
  waitFor(async () => ((await row(id))?.status === 'processing' ? true : undefined), { intervalMs: 10 });

const renderFolders = async () => readdir(path.join(t.dataDir, 'work')).catch(() => []);

// Real renders: a busy machine can take several times as long as an idle one, so the limit is generous.
describe('the worker process on SIGTERM in the middle of a job', { timeout: 180_000 }, () => {
  it('finishes the running job within WORKER_STOP_TIMEOUT, publishes it and exits 0', async () => {
    const id = await uploadedVideo({ width: 640, height: 360, seconds: 6, fps: 15 });
    const child = workerProcess(120);
    await whenProcessing(id);

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];

    expect(code).toBe(0);
    expect(await row(id)).toEqual({ status: 'processed', attempts: 1 });
    expect(await t.queuedVideoIds()).toEqual([]);
    expect(await renderFolders()).toEqual([]);
  });

  it('past WORKER_STOP_TIMEOUT stops the render, releases the message at once and leaves no scratch files', async () => {
    const id = await uploadedVideo({ width: 1920, height: 1080, seconds: 20, fps: 30 });
    const child = workerProcess(1);
    await whenProcessing(id);

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];

    expect(code).toBe(0);
    expect(await row(id)).toEqual({ status: 'processing', attempts: 1 });
    expect(await renderFolders()).toEqual([]);
    // Released, not waiting out its 600 s visibility timeout: another worker takes it now. Its claim
    // shows that; it need not render the whole 1080p upload again (the first test covers publishing).
    const survivor = startWorker({ ...t.config, WORKER_STOP_TIMEOUT: 0 }, t.runtime, {
      info: () => {},
      error: () => {},
    });
    try {
      const claimed = await waitFor(async () => {
        const video = await row(id);
        return video?.attempts === 2 ? video : undefined;
      });
      expect(claimed).toEqual({ status: 'processing', attempts: 2 });
    } finally {
      await survivor.stop();
    }
  });
});
