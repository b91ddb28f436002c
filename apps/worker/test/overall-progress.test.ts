import { describe, expect, it } from 'vitest';
import { overallProgress } from '../src/adapters/overall-progress.ts';

describe('overallProgress', () => {
  it('counts the clip encode as the first 90 % and the join as the rest', () => {
    const seen: number[] = [];
    const report = overallProgress((ratio) => seen.push(ratio));
    report({ stage: 'bumpers', ratio: null });
    report({ stage: 'clip', ratio: 0 });
    report({ stage: 'clip', ratio: 0.5 });
    report({ stage: 'clip', ratio: 1 });
    report({ stage: 'join', ratio: 0.5 });
    report({ stage: 'join', ratio: 1 });
    expect(seen.map((ratio) => Math.round(ratio * 100))).toEqual([45, 90, 95, 100]);
  });

  it('never goes back when the one-pass fallback starts after the clip', () => {
    const seen: number[] = [];
    const report = overallProgress((ratio) => seen.push(ratio));
    report({ stage: 'clip', ratio: 1 });
    report({ stage: 'one-pass', ratio: 0 });
    report({ stage: 'one-pass', ratio: 0.5 });
    expect(seen.map((ratio) => Math.round(ratio * 100))).toEqual([90, 95]);
  });
});
