import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, objectKeys } from '@anb/core';
import { insertPlayer } from '@anb/testing/rows';
import { createTestRuntime, type TestRuntime } from '@anb/testing/runtime';
import { mp4Fixture } from '@anb/testing/mp4';
import { startWorker } from '../src/start-worker.ts';
import { waitFor } from '@anb/testing/wait-for';

const workerMain = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const env = {
  VIDEO_MIN_SECONDS: '1',
  VIDEO_MIN_SHORT_SIDE: '300',
  FFMPEG_PRESET: 'ultrafast',
  // Short, so the message of the killed worker reappears quickly.
  QUEUE_VISIBILITY_TIMEOUT: '2',
  // One job slot per worker: a heartbeat late by more than those 2 s on a busy machine must not let a
  // spare slot of the same worker receive the message again (a third claim).
  WORKER_CONCURRENCY: '1',
};

let t: TestRuntime;
let child: ChildProcess | undefined;
beforeAll(async () => {
  t = await createTestRuntime(env);
});
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  await t.close();
});

// Real renders: a busy machine can take several times as long as an idle one, so the limit is generous.
describe('a worker killed in the middle of a job', { timeout: 180_000 }, () => {
  it('lets another worker take the message after the visibility timeout; the video is published once', async () => {
    const id = newId();
    const staged = path.join(t.dataDir, 'tmp', `${id}.upload`);
    await copyFile(await mp4Fixture({ width: 640, height: 360, seconds: 6, fps: 15 }), staged);
    await t.runtime.store.putFile(objectKeys.original(id), staged, 'video/mp4');
    const owner = await insertPlayer(t.testDb.db);
    await t.testDb.db
      .insertInto('videos')
      .values({ id, owner_id: owner, title: 'x', original_key: objectKeys.original(id) })
      .execute();
    await t.runtime.queue.publish({ videoId: id });

    // The real worker process, in its own process group so ffmpeg dies with it.
    child = spawn(process.execPath, [workerMain], {
      env: {
        ...process.env,
        ...env,
        DATA_DIR: t.dataDir,
        DATABASE_URL: t.testDb.connectionString,
        LOG_LEVEL: 'silent',
      },
      detached: true,
      stdio: 'ignore',
    });
    await waitFor(
      async () => {
        const row = await t.testDb.db.selectFrom('videos').select('status').where('id', '=', id).executeTakeFirst();
        return row?.status === 'processing' ? true : undefined;
      },
      { intervalMs: 10 },
    );
    process.kill(-child.pid!, 'SIGKILL');
    await once(child, 'exit');

    const survivor = startWorker(t.config, t.runtime, { info: () => {}, error: () => {} });
    try {
      const row = await waitFor(async () => {
        const video = await t.testDb.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst();
        return video?.status === 'processed' ? video : undefined;
      });
      expect(row.attempts).toBe(2);
      // The message is deleted just after the video is published.
      await waitFor(async () => ((await t.queuedVideoIds()).length === 0 ? true : undefined));
      expect((await t.filesOnDisk()).filter((file) => file.includes(id)).sort()).toEqual([
        path.join('objects', 'processed', `${id}.jpg`),
        path.join('objects', 'processed', `${id}.mp4`),
        path.join('objects', 'uploaded', `${id}.mp4`),
      ]);
    } finally {
      await survivor.stop();
    }
  });
});
