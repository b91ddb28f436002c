import { describe, expect, it } from 'vitest';
import { defaultShowcaseSettings, resolveShowcaseSettings } from '../src/settings.ts';

describe('resolveShowcaseSettings', () => {
  it('defaults to CRF 23, automatic threads and the spec limits', () => {
    expect(resolveShowcaseSettings()).toEqual(defaultShowcaseSettings);
    expect(defaultShowcaseSettings).toMatchObject({
      preset: 'superfast',
      crf: 23,
      threads: 0,
      limits: { minSeconds: 20, maxSeconds: 60, minShortSide: 1080 },
    });
  });

  it('overrides single limits and keeps the others', () => {
    expect(resolveShowcaseSettings({ limits: { minShortSide: 180 } }).limits).toEqual({
      minSeconds: 20,
      maxSeconds: 60,
      minShortSide: 180,
    });
  });

  it.each([
    [{ preset: 'turbo' as never }, /preset/],
    [{ crf: 52 }, /crf/],
    [{ crf: Number.NaN }, /crf/],
    [{ threads: -1 }, /threads/],
    [{ threads: 1.5 }, /threads/],
    [{ ffmpegTimeoutMs: 0 }, /ffmpegTimeoutMs/],
    [{ limits: { minSeconds: 30, maxSeconds: 20 } }, /limits/],
    [{ limits: { minShortSide: 0 } }, /minShortSide/],
  ])('rejects %j naming the setting', (input, message) => {
    expect(() => resolveShowcaseSettings(input)).toThrow(message);
  });
});
