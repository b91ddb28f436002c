import { describe, expect, it } from 'vitest';
import type { BatchRecord } from '../worker/summary.ts';
import { floorFigures, floorShares } from '../worker/summary.ts';

function batch(
  round: number,
  pipeline: 'ours' | 'floor',
  concurrency: number,
  videosPerMinute: number,
  cpuSeconds = 120,
): BatchRecord {
  return {
    round,
    pipeline,
    concurrency,
    videos: 6,
    wallSeconds: 360 / videosPerMinute,
    cpuSeconds,
    videosPerMinute,
    coresBusy: cpuSeconds / (360 / videosPerMinute),
    loadBefore: [0, 0, 0],
    loadAfter: [0, 0, 0],
  };
}

describe('worker bench: share of the floor', () => {
  const batches = [
    batch(1, 'floor', 1, 4),
    batch(1, 'ours', 1, 3.6),
    batch(1, 'ours', 2, 4),
    batch(2, 'ours', 2, 2.5),
    batch(2, 'floor', 1, 2),
    batch(2, 'ours', 1, 1.9),
    batch(3, 'ours', 1, 3.3),
    batch(3, 'ours', 2, 3.2),
    batch(3, 'floor', 1, 3),
  ];

  it('divides each batch of ours by the floor of its own round, and takes the median of those ratios', () => {
    const [one, two] = floorShares(batches, 2);
    expect(one).toMatchObject({ concurrency: 1, isDefault: false, shares: [0.9, 0.95, 1.1], medianShare: 0.95 });
    expect(two).toMatchObject({ concurrency: 2, isDefault: true, shares: [1, 1.25, 1.067], medianShare: 1.067 });
  });

  it('reports the median videos/min and CPU seconds per video of each run, not a pooled one', () => {
    expect(floorShares(batches, 2)[0]).toMatchObject({ medianVideosPerMinute: 3.3, medianCpuSecondsPerVideo: 20 });
    expect(floorFigures(batches)).toEqual({
      rounds: 3,
      medianVideosPerMinute: 3,
      medianCpuSecondsPerVideo: 20,
      medianCoresBusy: 1,
    });
  });

  it('compares the CPU seconds per video with the floor of the same round, whatever share of the machine each got', () => {
    const [one] = floorShares(
      [
        batch(1, 'floor', 1, 4, 120),
        batch(1, 'ours', 1, 2, 125),
        batch(2, 'ours', 1, 5, 150),
        batch(2, 'floor', 1, 3, 135),
        batch(3, 'floor', 1, 3, 120),
        batch(3, 'ours', 1, 3, 120),
      ],
      1,
    );
    expect(one).toMatchObject({ cpuShares: [0.96, 0.9, 1], medianCpuShare: 0.96 });
  });

  it('leaves out a batch whose round has no floor', () => {
    const [one] = floorShares([batch(1, 'ours', 1, 3), batch(2, 'floor', 1, 3), batch(2, 'ours', 1, 2.7)], 1);
    expect(one).toMatchObject({ shares: [0.9], medianShare: 0.9, isDefault: true });
  });
});
