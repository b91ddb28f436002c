import { describe, expect, it } from 'vitest';
import { createLineSplitter, createLineTail } from '../src/line-splitter.ts';
import type { FfmpegProgress } from '../src/progress-parser.ts';
import { createProgressParser } from '../src/progress-parser.ts';

describe('createProgressParser', () => {
  it('reports one progress per block from out_time_us, with the ratio against the expected duration', () => {
    const seen: FfmpegProgress[] = [];
    const parse = createProgressParser((p) => seen.push(p), 30);
    const block = (outTimeUs: number, speed: string, progress: string) => [
      'frame=10',
      `out_time_us=${outTimeUs}`,
      'out_time=00:00:07.500000',
      `speed=${speed}`,
      `progress=${progress}`,
    ];
    [...block(7_500_000, '2.5x', 'continue'), ...block(45_000_000, 'N/A', 'end')].forEach(parse);
    expect(seen).toEqual([
      { outTimeSeconds: 7.5, ratio: 0.25, speed: 2.5, done: false },
      { outTimeSeconds: 45, ratio: 1, speed: null, done: true },
    ]);
  });

  it('reports ratio 1 on the final block although the last frame starts one frame before the end', () => {
    const seen: FfmpegProgress[] = [];
    const parse = createProgressParser((p) => seen.push(p), 2);
    ['out_time_us=1900000', 'progress=continue', 'out_time_us=1900000', 'progress=end'].forEach(parse);
    expect(seen.map((p) => p.ratio)).toEqual([0.95, 1]);
  });

  it('reads out_time_ms (microseconds too) from ffmpeg older than 4.2, and no ratio without a duration', () => {
    const seen: FfmpegProgress[] = [];
    const parse = createProgressParser((p) => seen.push(p));
    ['out_time_ms=2000000', 'progress=continue'].forEach(parse);
    expect(seen).toEqual([{ outTimeSeconds: 2, ratio: null, speed: null, done: false }]);
  });

  it('ignores N/A times before the first frame', () => {
    const seen: FfmpegProgress[] = [];
    const parse = createProgressParser((p) => seen.push(p), 10);
    ['out_time_us=N/A', 'progress=continue'].forEach(parse);
    expect(seen[0]?.outTimeSeconds).toBe(0);
  });
});

describe('createLineSplitter / createLineTail', () => {
  it('joins lines split across chunks and flushes the last partial line at the end', () => {
    const lines: string[] = [];
    const splitter = createLineSplitter((line) => lines.push(line));
    splitter.push('first li');
    splitter.push('ne\r\nsecond\n\nthi');
    splitter.push('rd\rfourth');
    expect(lines).toEqual(['first line', 'second', 'third']);
    splitter.end();
    expect(lines).toEqual(['first line', 'second', 'third', 'fourth']);
  });

  it('keeps only the last N lines', () => {
    const tail = createLineTail(3);
    ['a', 'b', 'c', 'd', 'e'].forEach(tail.add);
    expect(tail.lines()).toEqual(['c', 'd', 'e']);
  });
});
