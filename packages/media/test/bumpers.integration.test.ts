import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anbLogoPath } from '../src/assets.ts';
import { bumperCacheKey, ensureBumpers } from '../src/bumpers.ts';
import { probe } from '../src/probe.ts';
import { prepareShowcase, renderShowcase } from '../src/render-showcase.ts';
import type { EncodeSettings } from '../src/settings.ts';
import { makeTempDir, makeVideo, meanAbsDifference, readLuma, tools } from './support/fixtures.ts';

let dir: string;
const ultrafast: EncodeSettings = { preset: 'ultrafast', crf: 30, threads: 0 };

beforeAll(async () => {
  dir = await makeTempDir('bumpers');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function bumpersFor(settings: EncodeSettings, cacheDir = join(dir, 'cache')) {
  return ensureBumpers({ cacheDir, settings, ffmpegPath: tools.ffmpegPath, logoPath: anbLogoPath });
}

describe('ensureBumpers', () => {
  it('renders a 2.5 s 1280x720 opening and closing once, then reuses them', { timeout: 60_000 }, async () => {
    const [first, concurrent] = await Promise.all([bumpersFor(ultrafast), bumpersFor(ultrafast)]);
    expect(concurrent).toEqual(first);
    for (const path of [first.openingPath, first.closingPath]) {
      const info = await probe(path, { ffprobePath: tools.ffprobePath });
      expect(info.durationSeconds).toBeCloseTo(2.5, 2);
      expect(info.video).toMatchObject({ codec: 'h264', width: 1280, height: 720, pixFmt: 'yuv420p' });
      expect(info.hasAudio).toBe(false);
    }
    const before = await stat(first.openingPath);
    const again = await bumpersFor(ultrafast);
    expect(again).toEqual(first);
    expect((await stat(again.openingPath)).mtimeMs).toBe(before.mtimeMs);
    expect((await readdir(join(dir, 'cache', await bumperCacheKey(ultrafast, anbLogoPath)))).sort()).toEqual([
      'closing.mp4',
      'opening.mp4',
    ]);
  });

  it('renders new bumpers when an encoder setting changes', { timeout: 60_000 }, async () => {
    const original = await bumpersFor(ultrafast);
    const changed = await bumpersFor({ ...ultrafast, crf: 31 });
    expect(changed.openingPath).not.toBe(original.openingPath);
    expect((await stat(changed.openingPath)).size).toBeGreaterThan(0);
    expect(await bumperCacheKey({ ...ultrafast, threads: 2 }, anbLogoPath)).not.toBe(
      await bumperCacheKey(ultrafast, anbLogoPath),
    );
  });
});

describe('renderShowcase when the cached bumpers do not match the clip', () => {
  it('falls back to the one-pass render and still produces the full showcase', { timeout: 120_000 }, async () => {
    const cacheDir = join(dir, 'mismatched-cache');
    const clipSettings: EncodeSettings = { preset: 'veryfast', crf: 23, threads: 0 };
    // ultrafast bumpers planted where the veryfast ones belong: different profile and SPS/PPS.
    const foreign = await bumpersFor(ultrafast);
    const planted = join(cacheDir, await bumperCacheKey(clipSettings, anbLogoPath));
    await mkdir(planted, { recursive: true });
    await copyFile(foreign.openingPath, join(planted, 'opening.mp4'));
    await copyFile(foreign.closingPath, join(planted, 'closing.mp4'));

    const input = await makeVideo(join(dir, 'input.mp4'), { width: 320, height: 180, seconds: 3, color: '0x3070c0' });
    const outputPath = join(dir, 'fallback.mp4');
    const result = await renderShowcase({
      inputPath: input,
      outputPath,
      posterPath: join(dir, 'fallback.jpg'),
      workDir: dir,
      settings: { ...clipSettings, bumperCacheDir: cacheDir, limits: { minSeconds: 1, minShortSide: 180 } },
      tools,
    });

    expect(result.method).toBe('one-pass');
    expect(result.fallbackReasons.join('\n')).toMatch(/opening bumper (profile|extradata) differs from the clip/);
    expect(result.output.video).toMatchObject({ codec: 'h264', width: 1280, height: 720, pixFmt: 'yuv420p' });
    expect(result.output.hasAudio).toBe(false);
    expect(result.output.durationSeconds).toBeCloseTo(3 + 5, 1);
    const opening = await readLuma(outputPath, 1);
    const clip = await readLuma(outputPath, 3.5);
    expect(meanAbsDifference(opening, clip, { x: 0, y: 0, width: 1280, height: 720 })).toBeGreaterThan(20);
  });
});

describe('prepareShowcase', () => {
  it(
    'renders the bumpers of the settings into the cache before any job asks for them',
    { timeout: 60_000 },
    async () => {
      const cacheDir = join(dir, 'prepared');
      await prepareShowcase({ settings: { ...ultrafast, bumperCacheDir: cacheDir }, tools });
      const key = await bumperCacheKey(ultrafast, anbLogoPath);
      expect((await readdir(join(cacheDir, key))).sort()).toEqual(['closing.mp4', 'opening.mp4']);
      // A job afterwards finds them and renders nothing.
      const before = await stat(join(cacheDir, key, 'opening.mp4'));
      const bumpers = await ensureBumpers({
        cacheDir,
        settings: ultrafast,
        ffmpegPath: tools.ffmpegPath,
        logoPath: anbLogoPath,
      });
      expect((await stat(bumpers.openingPath)).mtimeMs).toBe(before.mtimeMs);
    },
  );
});
