import { chmod, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeError } from '../src/errors.ts';
import { displaySize } from '../src/media-info.ts';
import { probe } from '../src/probe.ts';
import { makeTempDir, makeVideo, tools } from './support/fixtures.ts';

let dir: string;
const options = () => ({ ffprobePath: tools.ffprobePath });

beforeAll(async () => {
  dir = await makeTempDir('probe');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('probe (real ffprobe)', () => {
  it('describes a small MP4 with audio', async () => {
    const path = await makeVideo(join(dir, 'with-audio.mp4'), {
      width: 320,
      height: 180,
      seconds: 2,
      fps: 25,
      audio: true,
    });
    const info = await probe(path, options());
    expect(info.formatName.split(',')).toContain('mp4');
    expect(info.durationSeconds).toBeCloseTo(2, 1);
    expect(info.hasAudio).toBe(true);
    expect(info.sizeBytes).toBeGreaterThan(0);
    expect(info.video).toEqual({
      codec: 'h264',
      width: 320,
      height: 180,
      rotation: 0,
      sampleAspectRatio: 1,
      fps: 25,
      pixFmt: 'yuv420p',
      colorTransfer: null, // lavfi sources carry no colour tags
    });
  });

  it.each([90, 270] as const)(
    'reads a %d° rotation tag as a quarter turn whose display size is portrait',
    async (rotate) => {
      const path = await makeVideo(join(dir, `rotated-${rotate}.mp4`), { width: 320, height: 180, seconds: 1, rotate });
      const video = (await probe(path, options())).video!;
      expect([90, 270]).toContain(video.rotation);
      expect(displaySize(video)).toEqual({ width: 180, height: 320 });
    },
  );

  it('rejects a text file named .mp4 with ProbeError carrying what ffprobe said', async () => {
    const path = join(dir, 'poison.mp4');
    await writeFile(path, 'this is not a video\n');
    const error = await probe(path, options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).stderrTail.join('\n')).toMatch(/Invalid data|moov atom not found/);
  });

  it('passes a missing ffprobe binary through as a spawn error, not a ProbeError', async () => {
    const error = await probe(join(dir, 'x.mp4'), { ffprobePath: join(dir, 'no-ffprobe') }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ProbeError);
    expect((error as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('reports a hung ffprobe as a timeout (retryable), not as an unreadable file', async () => {
    const hung = join(dir, 'hung-ffprobe');
    await writeFile(hung, '#!/bin/sh\nexec tail -f /dev/null\n');
    await chmod(hung, 0o755);
    const error = await probe(join(dir, 'x.mp4'), { ffprobePath: hung, timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ProbeError);
    expect((error as Error).message).toMatch(/timed out/);
  });
});
