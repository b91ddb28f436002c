import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_INTERVAL_MS, VideoProcessingService } from '@anb/core';
import { PostgresProcessingRepository } from '@anb/db';
import { locateMediaTools } from '@anb/media';
import { insertPlayer } from '@anb/testing/rows';
import { createTestRuntime, type TestRuntime } from '@anb/testing/runtime';
import { mp4Fixture } from '@anb/testing/mp4';
import { FfmpegShowcaseRenderer } from '../src/adapters/ffmpeg-showcase-renderer.ts';
import { TempScratchSpace } from '../src/adapters/temp-scratch-space.ts';
import { uploadedVideo } from './support/uploaded-video.ts';

let t: TestRuntime;
let owner: string;
beforeAll(async () => {
  t = await createTestRuntime();
  owner = await insertPlayer(t.testDb.db);
});
afterAll(() => t.close());

const storedProgress = async (id: string) =>
  (await t.testDb.db.selectFrom('videos').select(['status', 'progress']).where('id', '=', id).executeTakeFirstOrThrow())
    .progress;

// Real renders: a busy machine can take several times as long as an idle one, so the limit is generous.
describe('processing progress', { timeout: 180_000 }, () => {
  it("stores the encoder's progress in the database at most once a second while it renders, and clears it once published", async () => {
    // Long enough at a slow preset for the encoder to report over several seconds.
    const id = await uploadedVideo(
      t.runtime,
      owner,
      await mp4Fixture({ width: 640, height: 360, seconds: 12, fps: 30 }),
    );
    const repository = new PostgresProcessingRepository(t.testDb.db);
    const writes: { percent: number; at: number; stored: number | null }[] = [];
    let encoderReports = 0;
    // The service's clock, remembering its last reading: a write is stamped with the very reading the
    // throttle let it through on, not with a second look at the clock that a busy machine could delay.
    let lastReading = 0;
    const clock = () => (lastReading = Date.now());
    const renderer = new FfmpegShowcaseRenderer(
      { preset: 'veryfast', limits: { minSeconds: 1, maxSeconds: 60, minShortSide: 300 } },
      locateMediaTools(),
    );
    const service = new VideoProcessingService({
      videos: {
        claimForProcessing: (videoId) => repository.claimForProcessing(videoId),
        markProcessed: (videoId, outputs) => repository.markProcessed(videoId, outputs),
        markFailed: (videoId, reason) => repository.markFailed(videoId, reason),
        recordProgress: async (videoId, percent) => {
          const at = lastReading;
          await repository.recordProgress(videoId, percent);
          writes.push({ percent, at, stored: await storedProgress(videoId) });
        },
      },
      store: t.runtime.store,
      renderer: {
        render: (input, dir, signal, onProgress) =>
          renderer.render(input, dir, signal, (ratio) => {
            encoderReports += 1;
            onProgress?.(ratio);
          }),
      },
      scratch: new TempScratchSpace(path.join(t.dataDir, 'work')),
      now: clock,
    });

    const result = await service.process({
      videoId: id,
      receiveCount: 1,
      maxReceives: 3,
      signal: new AbortController().signal,
    });

    expect(result).toBe('published');
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(encoderReports).toBeGreaterThan(writes.length);
    for (const write of writes) expect(write.stored).toBe(write.percent);
    for (const [previous, next] of writes.slice(0, -1).map((write, i) => [write, writes[i + 1]!] as const)) {
      expect(next.percent).toBeGreaterThan(previous.percent);
      expect(next.at - previous.at).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS);
    }
    expect(writes.every((write) => write.percent >= 0 && write.percent <= 100)).toBe(true);
    expect(await storedProgress(id)).toBeNull();
  });
});
