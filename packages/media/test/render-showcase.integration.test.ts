import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../src/errors.ts';
import type { MediaTools } from '../src/locate-binaries.ts';
import { probe } from '../src/probe.ts';
import { renderShowcase } from '../src/render-showcase.ts';
import type { RenderShowcaseOptions, ShowcaseProgress, ShowcaseResult } from '../src/render-showcase.ts';
import type { ShowcaseSettingsInput } from '../src/settings.ts';
import type { LumaFrame, Region } from './support/fixtures.ts';
import {
  ffmpeg,
  makeHdrVideo,
  makeTempDir,
  makeVideo,
  meanAbsDifference,
  meanLuma,
  packagedMediaTools,
  readLuma,
  tools,
  topLevelBoxes,
} from './support/fixtures.ts';

const execFileAsync = promisify(execFile);
let dir: string;
let inputs: string;
let workDir: string;
let outputs: string;

/** Small inputs run the real pipeline quickly; the spec's own limits are covered by the 1080p test below. */
const smallInputSettings = (extra: ShowcaseSettingsInput = {}): ShowcaseSettingsInput => ({
  limits: { minSeconds: 1, maxSeconds: 60, minShortSide: 180 },
  bumperCacheDir: join(dir, 'bumpers'),
  ...extra,
});

function render(name: string, inputPath: string, extra: Partial<RenderShowcaseOptions> = {}): Promise<ShowcaseResult> {
  return renderShowcase({
    inputPath,
    outputPath: join(outputs, `${name}.mp4`),
    posterPath: join(outputs, `${name}.jpg`),
    workDir,
    settings: smallInputSettings(),
    tools,
    ...extra,
  });
}

/**
 * The HDR path runs on the located ffmpeg and, when that is another build, on the npm fallback (ffmpeg 4.1) too:
 * the worker uses the fallback on machines without a system ffmpeg, so its tone mapping is asserted everywhere.
 */
const packagedTools = packagedMediaTools();
const toolBuilds: [string, MediaTools][] = [['the located ffmpeg', tools]];
if (packagedTools && packagedTools.ffmpegPath !== tools.ffmpegPath)
  toolBuilds.push(['the npm fallback ffmpeg', packagedTools]);
const hdrCases = (['smpte2084', 'arib-std-b67'] as const).flatMap((transfer) =>
  toolBuilds.map(([build, buildTools]) => [transfer, build, buildTools] as const),
);

const fullFrame = { x: 0, y: 0, width: 1280, height: 720 };
const leftBar = { x: 0, y: 0, width: 400, height: 720 };
const rightBar = { x: 880, y: 0, width: 400, height: 720 };
const centreColumn = { x: 560, y: 0, width: 160, height: 720 };

beforeAll(async () => {
  dir = await makeTempDir('showcase');
  inputs = join(dir, 'inputs');
  workDir = join(dir, 'work');
  outputs = join(dir, 'outputs');
  await Promise.all([inputs, workDir, outputs].map((d) => mkdir(d)));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('renderShowcase (real ffmpeg)', () => {
  describe('a landscape upload with audio', () => {
    let result: ShowcaseResult;
    let output: string;
    const stages = new Set<string>();

    beforeAll(async () => {
      const input = await makeVideo(join(inputs, 'landscape.mp4'), {
        width: 640,
        height: 360,
        seconds: 4,
        color: '0x3070c0',
        audio: true,
      });
      output = join(outputs, 'landscape.mp4');
      result = await render('landscape', input, { onProgress: (p: ShowcaseProgress) => stages.add(p.stage) });
    }, 120_000);

    it('is 1280x720 H.264 yuv420p with no audio stream, joined by stream copy', async () => {
      const info = await probe(output, { ffprobePath: tools.ffprobePath });
      expect(info.video).toMatchObject({
        codec: 'h264',
        width: 1280,
        height: 720,
        pixFmt: 'yuv420p',
        sampleAspectRatio: 1,
      });
      expect(info.hasAudio).toBe(false);
      expect(result.method).toBe('stream-copy-join');
      expect(result.fallbackReasons).toEqual([]);
      expect([...stages]).toEqual(['probe', 'bumpers', 'clip', 'verify', 'join']);
    });

    it('lasts the clip plus 5 s of bumpers', () => {
      expect(result.output.durationSeconds).toBeGreaterThan(4 + 5 - 0.1);
      expect(result.output.durationSeconds).toBeLessThan(4 + 5 + 0.1);
    });

    it('has 75 + 120 + 75 frames, evenly spaced across both joins', async () => {
      const { stdout } = await execFileAsync(tools.ffprobePath, [
        ...['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=dts_time', '-of', 'csv=p=0', output],
      ]);
      const dts = stdout.trim().split('\n').map(Number);
      expect(dts).toHaveLength(75 + 4 * 30 + 75);
      const steps = dts.slice(1).map((t, i) => t - dts[i]!);
      expect(Math.min(...steps)).toBeCloseTo(1 / 30, 3);
      expect(Math.max(...steps)).toBeCloseTo(1 / 30, 3);
    });

    it('has the moov box before mdat (faststart)', async () => {
      const boxes = await topLevelBoxes(output);
      expect(boxes.indexOf('moov')).toBeGreaterThanOrEqual(0);
      expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    });

    it('opens and closes with the logo bumper, which is not the clip', async () => {
      const opening = await readLuma(output, 1);
      const clipStart = await readLuma(output, 2.6);
      const closing = await readLuma(output, result.output.durationSeconds! - 1.2);
      expect(meanAbsDifference(opening, clipStart, fullFrame)).toBeGreaterThan(20);
      expect(meanAbsDifference(opening, closing, fullFrame)).toBeLessThan(3);
      const logoArea = { x: 440, y: 260, width: 400, height: 200 };
      expect(meanLuma(opening, logoArea)).toBeGreaterThan(
        meanLuma(opening, { x: 0, y: 0, width: 200, height: 200 }) + 30,
      );
    });

    it('carries the watermark in the bottom-right corner of the picture, not in the bottom-left', async () => {
      const frame = await readLuma(output, 3.5);
      const corner = (x: number) => ({ x, y: 720 - 130, width: 230, height: 120 });
      const background = meanLuma(frame, corner(20));
      expect(shareDeviating(frame, corner(1280 - 250), background, 40)).toBeGreaterThan(0.1);
      expect(shareDeviating(frame, corner(20), background, 40)).toBeLessThan(0.01);
    });

    it('writes a 1280x720 JPEG poster from the clip, not from the bumper', async () => {
      const poster = await probe(join(outputs, 'landscape.jpg'), { ffprobePath: tools.ffprobePath });
      expect(poster.video).toMatchObject({ codec: 'mjpeg', width: 1280, height: 720 });
      const posterFrame = await readLuma(join(outputs, 'landscape.jpg'), 0);
      expect(meanAbsDifference(posterFrame, await readLuma(output, 3.5), fullFrame)).toBeLessThan(5);
    });

    it('leaves nothing behind in the work dir', async () => {
      expect(await readdir(workDir)).toEqual([]);
    });
  });

  it('encodes in its turn when given one: taken after reading the upload, ended before the join', async () => {
    const input = await makeVideo(join(inputs, 'turn.mp4'), { width: 320, height: 180, seconds: 2 });
    const events: string[] = [];
    await render('turn', input, {
      onProgress: ({ stage }) => {
        if (events.at(-1) !== stage) events.push(stage);
      },
      encodeTurn: async () => {
        events.push('turn taken');
        return () => events.push('turn ended');
      },
    });
    expect(events).toEqual([
      'probe',
      'bumpers',
      'waiting',
      'turn taken',
      'clip',
      'turn ended',
      'verify',
      'join',
      'verify',
    ]);
  });

  it('trims a 40 s upload to 30 s: 35 s with the bumpers', { timeout: 180_000 }, async () => {
    const input = await makeVideo(join(inputs, 'long.mp4'), { width: 320, height: 180, seconds: 40, fps: 10 });
    const result = await render('long', input, { settings: smallInputSettings({ preset: 'ultrafast' }) });
    expect(result.output.durationSeconds).toBeGreaterThan(34.9);
    expect(result.output.durationSeconds).toBeLessThanOrEqual(35.05);
  });

  it('pillarboxes a portrait upload with black side bars', { timeout: 120_000 }, async () => {
    const input = await makeVideo(join(inputs, 'portrait.mp4'), {
      width: 180,
      height: 320,
      seconds: 2,
      color: '0xc0c0c0',
    });
    await render('portrait', input);
    const frame = await readLuma(join(outputs, 'portrait.mp4'), 3.5);
    expectPillarbox(frame);
  });

  it.each([90, 270] as const)(
    'turns a landscape-stored upload rotated %d° upright: portrait-shaped, and its stored left half ends up on top or bottom',
    { timeout: 120_000 },
    async (rotate) => {
      const input = await makeVideo(join(inputs, `rotated-${rotate}.mp4`), {
        width: 320,
        height: 180,
        seconds: 2,
        color: '0xc0c0c0',
        darkLeftHalf: true,
        rotate,
      });
      await render(`rotated-${rotate}`, input);
      const output = join(outputs, `rotated-${rotate}.mp4`);
      expect((await probe(output, { ffprobePath: tools.ffprobePath })).video?.rotation).toBe(0);
      const frame = await readLuma(output, 3.5);
      // The picture is 406x720 at x=436; the regions stay clear of its edges and of the watermark.
      expect(meanLuma(frame, leftBar)).toBeLessThan(8);
      expect(meanLuma(frame, rightBar)).toBeLessThan(8);
      const top = meanLuma(frame, { x: 456, y: 20, width: 366, height: 280 });
      const bottom = meanLuma(frame, { x: 456, y: 420, width: 366, height: 200 });
      const left = meanLuma(frame, { x: 456, y: 20, width: 160, height: 600 });
      const right = meanLuma(frame, { x: 662, y: 20, width: 160, height: 600 });
      expect(Math.abs(top - bottom)).toBeGreaterThan(60);
      expect(Math.abs(left - right)).toBeLessThan(15);
    },
  );

  it.each(hdrCases)(
    'tone-maps an HDR (%s) upload to BT.709 with %s: white stays bright, grey mid-grey, and highlights roll off above white instead of clipping',
    { timeout: 120_000 },
    async (transfer, _build, buildTools) => {
      const name = `hdr-${transfer}-${buildTools === tools ? 'located' : 'packaged'}`;
      const input = await makeHdrVideo(join(inputs, `${name}.mp4`), transfer, { width: 320, height: 180, seconds: 2 });
      // Each build renders its own bumpers, so the clip is never joined to another build's encode.
      const settings = smallInputSettings({ bumperCacheDir: join(dir, `bumpers-${name}`) });
      const result = await render(name, input, { tools: buildTools, settings });
      expect(result.input.video?.colorTransfer).toBe(transfer);
      expect(result.output.video).toMatchObject({ pixFmt: 'yuv420p', colorTransfer: 'bt709' });
      const frame = await readLuma(join(outputs, `${name}.mp4`), 3.5);
      // Patches: white x 80–560 and grey x 720–1200 at y 60–420, highlight x 80–560 at y 500–700; the regions
      // avoid the edges and the watermark.
      const white = meanLuma(frame, { x: 120, y: 100, width: 400, height: 280 });
      const grey = meanLuma(frame, { x: 760, y: 100, width: 400, height: 280 });
      const black = meanLuma(frame, { x: 580, y: 100, width: 120, height: 280 });
      const highlight = meanLuma(frame, { x: 120, y: 530, width: 400, height: 140 });
      // readLuma's gray is full range. Tone-mapped, ffmpeg 4.1 and 5.1 both give white 215, grey 128, black 0 and
      // highlight 249. Through the SDR path (no tone mapping) white falls to 148 (PQ) or 191 (HLG) and grey to 106
      // or 114; converted without the tonemap filter, white and highlight both clip to 255.
      expect(white).toBeGreaterThan(200);
      expect(white).toBeLessThan(235);
      expect(grey).toBeGreaterThan(120);
      expect(grey).toBeLessThan(140);
      expect(black).toBeLessThan(24);
      expect(highlight).toBeGreaterThan(white + 20);
    },
  );

  it('rejects a text file named .mp4 as UNREADABLE_VIDEO without creating anything', async () => {
    const poison = join(inputs, 'poison.mp4');
    await writeFile(poison, 'definitely not a video\n');
    const error = await render('poison', poison).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).code).toBe('UNREADABLE_VIDEO');
    expect(await readdir(workDir)).toEqual([]);
    await expect(stat(join(outputs, 'poison.mp4'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('measures the video, not a longer audio track: half a second of picture is DURATION_OUT_OF_RANGE', async () => {
    const input = join(inputs, 'short-picture.mp4');
    await ffmpeg([
      ...['-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=10:d=0.5', '-f', 'lavfi', '-i', 'sine=duration=5'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', input],
    ]);
    const error = await render('short-picture', input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).code).toBe('DURATION_OUT_OF_RANGE');
    expect(await readdir(workDir)).toEqual([]);
  });

  it('treats a missing input file as an infrastructure error, not an invalid upload', async () => {
    const error = await render('missing', join(inputs, 'missing.mp4')).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(InvalidInputError);
    expect((error as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it(
    'stops ffmpeg when aborted mid-encode and removes intermediates and partial output',
    { timeout: 120_000 },
    async () => {
      const input = await makeVideo(join(inputs, 'abort.mp4'), { width: 320, height: 180, seconds: 30, fps: 10 });
      const controller = new AbortController();
      const run = render('aborted', input, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.stage === 'clip' && p.ratio !== null && p.ratio > 0 && p.ratio < 1) controller.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      expect(await readdir(workDir)).toEqual([]);
      await expect(stat(join(outputs, 'aborted.mp4'))).rejects.toMatchObject({ code: 'ENOENT' });
    },
  );
});

describe('renderShowcase with the spec limits', () => {
  it('accepts a 20 s 1920x1080 upload and produces a 25 s showcase', { timeout: 180_000 }, async () => {
    // Two flat frames per second keep a real 1080p, 20 s input cheap to make, decode and encode.
    const input = await makeVideo(join(inputs, 'full-hd.mp4'), {
      width: 1920,
      height: 1080,
      seconds: 20,
      fps: 2,
      color: '0x808080',
    });
    const result = await render('full-hd', input, { settings: { bumperCacheDir: join(dir, 'bumpers') } });
    expect(result.output.durationSeconds).toBeCloseTo(25, 0);
    expect(result.output.video).toMatchObject({ width: 1280, height: 720 });
  });

  it(
    'rejects a 20 s 1280x720 upload as RESOLUTION_TOO_LOW and a 19 s 1080p one as DURATION_OUT_OF_RANGE',
    { timeout: 120_000 },
    async () => {
      const settings = { bumperCacheDir: join(dir, 'bumpers') };
      const hd = await makeVideo(join(inputs, 'hd.mp4'), {
        width: 1280,
        height: 720,
        seconds: 20,
        fps: 1,
        color: 'gray',
      });
      const short = await makeVideo(join(inputs, 'short.mp4'), {
        width: 1920,
        height: 1080,
        seconds: 19,
        fps: 1,
        color: 'gray',
      });
      await expect(render('hd', hd, { settings })).rejects.toMatchObject({ code: 'RESOLUTION_TOO_LOW' });
      await expect(render('short', short, { settings })).rejects.toMatchObject({ code: 'DURATION_OUT_OF_RANGE' });
    },
  );
});

function expectPillarbox(frame: LumaFrame): void {
  expect(meanLuma(frame, leftBar)).toBeLessThan(8);
  expect(meanLuma(frame, rightBar)).toBeLessThan(8);
  expect(meanLuma(frame, centreColumn)).toBeGreaterThan(120);
}

/** Share of the region's pixels whose luma is more than `threshold` away from `reference`. */
function shareDeviating(frame: LumaFrame, region: Region, reference: number, threshold: number): number {
  let count = 0;
  for (let y = region.y; y < region.y + region.height; y++) {
    for (let x = region.x; x < region.x + region.width; x++) {
      if (Math.abs(frame.pixels[y * frame.width + x]! - reference) > threshold) count++;
    }
  }
  return count / (region.width * region.height);
}
