import { describe, expect, it } from 'vitest';
import { ProgressThrottle } from '../src/services/progress-throttle.ts';

function throttle(write: (percent: number) => Promise<void>) {
  let clock = 0;
  const progress = new ProgressThrottle(write, 1_000, () => clock);
  return { progress, at: (ms: number) => (clock = ms) };
}

describe('ProgressThrottle', () => {
  it('writes whole percentages, never lower than the last one written', async () => {
    const written: number[] = [];
    const { progress, at } = throttle(async (percent) => void written.push(percent));
    progress.report(0.426);
    await progress.settled();
    at(2_000);
    progress.report(0.3);
    at(3_000);
    progress.report(1.2);
    await progress.settled();
    expect(written).toEqual([42, 100]);
  });

  it('skips reports while a write is still in flight, even after the interval', async () => {
    const written: number[] = [];
    let finishWrite = () => {};
    const { progress, at } = throttle(async (percent) => {
      written.push(percent);
      await new Promise<void>((resolve) => (finishWrite = resolve));
    });
    progress.report(0.1);
    at(5_000);
    progress.report(0.5);
    finishWrite();
    await progress.settled();
    at(6_000);
    progress.report(0.6);
    finishWrite();
    await progress.settled();
    expect(written).toEqual([10, 60]);
  });

  it('drops a failed write and tries again with the next report', async () => {
    const written: number[] = [];
    let fail = true;
    const { progress, at } = throttle(async (percent) => {
      if (fail) throw new Error('database unavailable');
      written.push(percent);
    });
    progress.report(0.2);
    await expect(progress.settled()).resolves.toBeUndefined();
    fail = false;
    at(1_000);
    progress.report(0.4);
    await progress.settled();
    expect(written).toEqual([40]);
  });
});
