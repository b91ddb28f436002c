import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { locateMediaTools } from '@anb/media';

const run = promisify(execFile);

export interface VideoSpec {
  width: number;
  height: number;
  seconds: number;
  fps: number;
  /** Target size; the bitrate is derived from it (noise keeps x264 from undershooting). */
  targetBytes?: number;
}

/**
 * Makes an H.264 MP4 with ffmpeg's test source. With `targetBytes` the picture carries temporal
 * noise and a constant bitrate so the file lands near the requested size, like a phone recording.
 */
export async function makeVideo(file: string, spec: VideoSpec): Promise<string> {
  if (existsSync(file)) return file;
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.part.mp4`;
  const source = `testsrc2=size=${spec.width}x${spec.height}:rate=${spec.fps}:duration=${spec.seconds}`;
  const args = ['-y', '-v', 'error', '-f', 'lavfi', '-i', source];
  if (spec.targetBytes) {
    const kbps = Math.floor((spec.targetBytes * 8) / spec.seconds / 1000);
    args.push('-vf', 'noise=alls=40:allf=t', '-b:v', `${kbps}k`, '-minrate', `${kbps}k`, '-maxrate', `${kbps}k`);
    args.push('-bufsize', `${kbps}k`, '-x264-params', 'nal-hrd=cbr:force-cfr=1');
  }
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', tmp);
  // The ffmpeg the worker would use, so no system ffmpeg is needed (the npm fallback does).
  await run(locateMediaTools().ffmpegPath, args, { maxBuffer: 16 * 1024 * 1024 });
  await rename(tmp, file);
  return file;
}

export async function sizeOf(file: string): Promise<number> {
  return (await stat(file)).size;
}

/** The load-test inputs, made once and kept under `.tmp/load-fixtures/`. */
export const loadFixtureSpecs = {
  '4mb': { width: 1920, height: 1080, seconds: 21, fps: 10, targetBytes: 4 * 1024 * 1024 },
  '50mb': { width: 1920, height: 1080, seconds: 30, fps: 15, targetBytes: 50 * 1024 * 1024 },
  // Under the API's 100 MiB limit once the multipart framing is added (x264 overshoots ~1 %).
  '100mb': { width: 1920, height: 1080, seconds: 40, fps: 15, targetBytes: 96 * 1024 * 1024 },
} satisfies Record<string, VideoSpec>;

export type LoadFixture = keyof typeof loadFixtureSpecs;

export async function loadFixture(repoRoot: string, name: LoadFixture): Promise<string> {
  const spec = loadFixtureSpecs[name];
  return makeVideo(path.join(repoRoot, '.tmp/load-fixtures', `${name}-${spec.targetBytes}.mp4`), spec);
}
