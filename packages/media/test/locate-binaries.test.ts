import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaToolNotFoundError } from '../src/errors.ts';
import { locateMediaTools } from '../src/locate-binaries.ts';
import { makeTempDir } from './support/fixtures.ts';

let dir: string;

async function fakeExecutable(path: string): Promise<string> {
  await writeFile(path, '#!/bin/sh\nexit 0\n');
  await chmod(path, 0o755);
  return path;
}

beforeAll(async () => {
  dir = await makeTempDir('locate');
  await mkdir(join(dir, 'bin'));
  await mkdir(join(dir, 'custom'));
  await fakeExecutable(join(dir, 'bin', 'ffmpeg'));
  await fakeExecutable(join(dir, 'bin', 'ffprobe'));
  await fakeExecutable(join(dir, 'custom', 'my-ffmpeg'));
  await writeFile(join(dir, 'custom', 'not-executable'), '');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('locateMediaTools', () => {
  it('finds both tools on PATH, skipping directories that lack them', () => {
    const env = { PATH: [join(dir, 'custom'), join(dir, 'bin')].join(':') };
    expect(locateMediaTools(env)).toEqual({
      ffmpegPath: join(dir, 'bin', 'ffmpeg'),
      ffprobePath: join(dir, 'bin', 'ffprobe'),
    });
  });

  it('prefers FFMPEG_PATH / FFPROBE_PATH over PATH', () => {
    const env = { PATH: join(dir, 'bin'), FFMPEG_PATH: join(dir, 'custom', 'my-ffmpeg') };
    expect(locateMediaTools(env).ffmpegPath).toBe(join(dir, 'custom', 'my-ffmpeg'));
  });

  it('fails loudly when the configured path is not an executable, instead of falling back', () => {
    const env = { PATH: join(dir, 'bin'), FFPROBE_PATH: join(dir, 'custom', 'not-executable') };
    expect(() => locateMediaTools(env)).toThrow(MediaToolNotFoundError);
    expect(() => locateMediaTools(env)).toThrow(/FFPROBE_PATH/);
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    'falls back to the binaries of the optional @ffmpeg-installer / @ffprobe-installer packages when PATH has none',
    () => {
      const tools = locateMediaTools({ PATH: join(dir, 'custom') });
      expect(tools.ffmpegPath).toMatch(/@ffmpeg-installer\/linux-x64\/ffmpeg$/);
      expect(tools.ffprobePath).toMatch(/@ffprobe-installer\/linux-x64\/ffprobe$/);
    },
  );
});
