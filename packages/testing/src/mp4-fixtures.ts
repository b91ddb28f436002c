import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { locateMediaTools } from '@anb/media';

const run = promisify(execFile);
const fixturesDir = path.join(tmpdir(), 'anb-test-fixtures');

export interface Mp4Spec {
  width: number;
  height: number;
  seconds: number;
  /** Low frame rates keep long fixtures quick to make and small. */
  fps?: number;
  audio?: boolean;
}

/** The ffmpeg the worker itself would use: FFMPEG_PATH, else PATH, else the npm fallback (no system ffmpeg needed). */
const ffmpeg = () => locateMediaTools().ffmpegPath;

/**
 * An MP4 made by ffmpeg from its synthetic sources (nothing binary is committed),
 * cached per spec for the test run.
 */
export async function mp4Fixture({ width, height, seconds, fps = 2, audio = false }: Mp4Spec): Promise<string> {
  const file = path.join(fixturesDir, `${width}x${height}-${seconds}s-${fps}fps${audio ? '-audio' : ''}.mp4`);
  if (existsSync(file)) return file;
  await mkdir(fixturesDir, { recursive: true });
  const partial = `${file}.${process.pid}.part.mp4`;
  await run(ffmpeg(), [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}`],
    ...(audio ? ['-f', 'lavfi', '-i', 'sine=frequency=440'] : []),
    ...['-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
    ...(audio ? ['-c:a', 'aac', '-shortest'] : []),
    partial,
  ]);
  await rename(partial, file);
  return file;
}

export const validLandscape = () => mp4Fixture({ width: 1920, height: 1080, seconds: 21 });

/** An MP4 with an AAC track and no video track. */
export async function audioOnlyFixture(seconds: number): Promise<string> {
  const file = path.join(fixturesDir, `audio-only-${seconds}s.mp4`);
  if (existsSync(file)) return file;
  await mkdir(fixturesDir, { recursive: true });
  const partial = `${file}.${process.pid}.part.mp4`;
  await run(ffmpeg(), [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', String(seconds)],
    ...['-c:a', 'aac', partial],
  ]);
  await rename(partial, file);
  return file;
}
