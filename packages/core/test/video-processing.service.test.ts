import { describe, expect, it } from 'vitest';
import {
  ObjectNotFoundError,
  VideoProcessingService,
  type ClaimOutcome,
  type ObjectStore,
  type ProcessingRepository,
  type PublishOutcome,
  type ShowcaseRenderer,
  uploadTexts,
} from '../src/index.ts';

/** In-memory doubles of the ports, recording what the service did. */
function harness(options: {
  claim?: ClaimOutcome;
  render?: ShowcaseRenderer['render'];
  published?: PublishOutcome;
  missingOriginal?: boolean;
  now?: () => number;
}) {
  const calls: string[] = [];
  const disposed: string[] = [];
  const videos: ProcessingRepository = {
    claimForProcessing: async (id) => {
      calls.push(`claim ${id}`);
      return options.claim ?? { kind: 'claimed', originalKey: `uploaded/${id}.mp4`, attempts: 1 };
    },
    markProcessed: async (id) => {
      calls.push(`processed ${id}`);
      return options.published ?? 'published';
    },
    markFailed: async (id, reason) => {
      calls.push(`failed ${id}: ${reason}`);
    },
    recordProgress: async (id, percent) => {
      await Promise.resolve(); // a write that settles later, as a database's does
      calls.push(`progress ${id} ${percent}`);
    },
  };
  const store: ObjectStore = {
    putFile: async (key) => void calls.push(`put ${key}`),
    getToFile: async (key) => {
      if (options.missingOriginal) throw new ObjectNotFoundError(key);
      calls.push(`get ${key}`);
    },
    read: async (key) => {
      throw new ObjectNotFoundError(key);
    },
    delete: async (keys) => void calls.push(`delete ${keys.join(',')}`),
    exists: async () => true,
    signedUrl: async (key) => `/media/${key}`,
    ping: async () => {},
  };
  const service = new VideoProcessingService({
    videos,
    store,
    renderer: {
      render:
        options.render ??
        (async (_input, dir) => ({ kind: 'rendered', videoPath: `${dir}/v.mp4`, posterPath: `${dir}/p.jpg` })),
    },
    scratch: { create: async () => ({ dir: '/scratch/job', dispose: async () => void disposed.push('/scratch/job') }) },
    now: options.now,
  });
  const job = (receiveCount = 1) => ({
    videoId: 'v1',
    receiveCount,
    maxReceives: 3,
    signal: new AbortController().signal,
  });
  return { service, calls, disposed, job };
}

describe('VideoProcessingService.process', () => {
  it('claims, renders, stores both outputs under their keys, then publishes', async () => {
    const { service, calls, disposed, job } = harness({});
    expect(await service.process(job())).toBe('published');
    expect(calls).toEqual([
      'claim v1',
      'get uploaded/v1.mp4',
      'put processed/v1.mp4',
      'put processed/v1.jpg',
      'processed v1',
    ]);
    expect(disposed).toEqual(['/scratch/job']);
  });

  it('does nothing for a video deleted, published or failed before the claim', async () => {
    const { service, calls, disposed, job } = harness({ claim: { kind: 'nothing_to_do' } });
    expect(await service.process(job())).toBe('skipped');
    expect(calls).toEqual(['claim v1']);
    expect(disposed).toEqual([]);
  });

  it('marks an unusable upload failed with its reason and returns, so the message is acknowledged', async () => {
    const { service, calls, job } = harness({
      render: async () => ({ kind: 'rejected', reason: 'El video dura 5 s.' }),
    });
    expect(await service.process(job())).toBe('rejected');
    expect(calls.at(-1)).toBe('failed v1: El video dura 5 s.');
  });

  it('throws an infrastructure failure for a retry without marking the video, and still cleans up', async () => {
    const { service, calls, disposed, job } = harness({ render: () => Promise.reject(new Error('disk full')) });
    await expect(service.process(job(1))).rejects.toThrow('disk full');
    expect(calls.some((call) => call.startsWith('failed'))).toBe(false);
    expect(disposed).toEqual(['/scratch/job']);
  });

  it('marks the video failed on the last delivery before rethrowing to the dead-letter queue', async () => {
    const { service, calls, job } = harness({ render: () => Promise.reject(new Error('disk full')) });
    await expect(service.process(job(3))).rejects.toThrow('disk full');
    expect(calls.at(-1)).toBe(`failed v1: ${uploadTexts.gaveUp()}`);
  });

  it('removes its outputs when the video was deleted (or failed) while it rendered', async () => {
    const { service, calls, job } = harness({ published: 'gone' });
    expect(await service.process(job())).toBe('gone_meanwhile');
    expect(calls.at(-1)).toBe('delete processed/v1.mp4,processed/v1.jpg');
  });

  it('keeps the files when another delivery of the same job published the video first: they are the published ones', async () => {
    const { service, calls, job } = harness({ published: 'published_by_another_run' });
    expect(await service.process(job(2))).toBe('published_by_another_run');
    expect(calls.at(-1)).toBe('processed v1');
    expect(calls.some((call) => call.startsWith('delete'))).toBe(false);
  });

  it('fails the video, without retrying, when its original is gone', async () => {
    const { service, calls, job } = harness({ missingOriginal: true });
    expect(await service.process(job())).toBe('rejected');
    expect(calls.at(-1)).toMatch(/^failed v1: El archivo original ya no está disponible/);
  });

  it("stores the render's progress at most once a second, finished before the video is published", async () => {
    let clock = 0;
    const { service, calls, job } = harness({
      now: () => clock,
      render: async (_input, dir, _signal, onProgress) => {
        for (const [at, ratio] of [
          [0, 0.1],
          [400, 0.2],
          [999, 0.3],
          [1000, 0.5],
          [1500, 0.7],
          [2100, 0.95],
        ]) {
          clock = at!;
          onProgress?.(ratio!);
          await new Promise(setImmediate); // lets the write of this report settle, as an encoder's pace does
        }
        return { kind: 'rendered', videoPath: `${dir}/v.mp4`, posterPath: `${dir}/p.jpg` };
      },
    });
    expect(await service.process(job())).toBe('published');
    expect(calls.filter((call) => call.startsWith('progress'))).toEqual([
      'progress v1 10',
      'progress v1 50',
      'progress v1 95',
    ]);
    expect(calls.indexOf('progress v1 95')).toBeLessThan(calls.indexOf('processed v1'));
  });
});
