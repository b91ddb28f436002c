import { createHash } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from '@anb/media';

/** A synthetic phone upload: the figures that decide how much decoding and filtering a job costs. */
export interface InputSpec {
  /** Nominal size in MB (10^6 bytes); the bitrate is derived from it. */
  sizeMB: number;
  width: number;
  height: number;
  fps: number;
  seconds: number;
  audioKbps: number;
  /** Strength of the temporal noise (ffmpeg noise filter, 0–100); 8 is visible grain, 14+ a worst case. */
  grain: number;
}

export const defaultInputSpec = { width: 1920, height: 1080, fps: 30, seconds: 40, audioKbps: 128, grain: 8 } as const;

/** Video bitrate that lands the file near its nominal size once audio and container overhead are added. */
export function videoKbps(spec: InputSpec): number {
  const totalKbps = (spec.sizeMB * 1_000_000 * 8) / spec.seconds / 1000;
  return Math.floor(totalKbps * 0.985 - spec.audioKbps);
}

/**
 * The lavfi graph, drawn 25 % larger than the frame and panned across it (camera motion): testsrc2
 * blended with a Game-of-Life texture that evolves 6 times a second (detail that moves with the
 * camera and changes, like players and a crowd), then temporal noise (sensor grain) on the frame.
 * Seeds are fixed so every machine generates the same frames.
 */
export function sourceGraph(spec: InputSpec): string {
  const { width, height, fps, seconds } = spec;
  const wide = Math.round((width * 1.25) / 2) * 2;
  const tall = Math.round((height * 1.25) / 2) * 2;
  const panX = (wide - width) / 2;
  const panY = (tall - height) / 2;
  return [
    `testsrc2=size=${wide}x${tall}:rate=${fps}:duration=${seconds},format=yuv420p[base]`,
    `life=size=${wide / 3}x${tall / 3}:rate=6:ratio=0.3:mold=20:seed=7:` +
      `life_color=#d8c8a0:death_color=#203048:mold_color=#506070,` +
      `scale=${wide}:${tall}:flags=bicubic,fps=${fps},format=yuv420p[texture]`,
    `[base][texture]blend=all_mode=average:shortest=1,` +
      `crop=${width}:${height}:x='${panX}+${panX - 10}*sin(2*PI*t/9)':y='${panY}+${panY - 10}*sin(2*PI*t/13)',` +
      `noise=alls=${spec.grain}:allf=t+u:all_seed=11,format=yuv420p[out0]`,
  ].join(';');
}

/** The generating command, an argument array like every other ffmpeg command in the package. */
export function buildInputCommand(spec: InputSpec, outputPath: string): string[] {
  const kbps = `${videoKbps(spec)}k`;
  return [
    ['-f', 'lavfi', '-i', sourceGraph(spec)],
    ['-f', 'lavfi', '-i', `sine=frequency=440:beep_factor=4:sample_rate=48000:duration=${spec.seconds}`],
    ['-map', '0:v', '-map', '1:a', '-t', String(spec.seconds)],
    // High profile with B-frames and CABAC, constant bitrate: what a phone's encoder writes.
    ['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-pix_fmt', 'yuv420p'],
    ['-b:v', kbps, '-minrate', kbps, '-maxrate', kbps, '-bufsize', kbps, '-x264-params', 'nal-hrd=cbr'],
    ['-c:a', 'aac', '-b:a', `${spec.audioKbps}k`, '-ac', '2'],
    ['-movflags', '+faststart'],
    outputPath,
  ].flat();
}

/** Generates the input once per set of parameters; later runs reuse the cached file. */
export async function ensureInput(
  spec: InputSpec,
  cacheDir: string,
  ffmpegPath: string,
): Promise<{ path: string; generatedSeconds: number | null }> {
  const key = createHash('sha256')
    .update(JSON.stringify(buildInputCommand(spec, 'OUTPUT')))
    .digest('hex')
    .slice(0, 12);
  const path = join(cacheDir, `input-${spec.sizeMB}mb-${spec.seconds}s-${key}.mp4`);
  if (await exists(path)) return { path, generatedSeconds: null };
  await mkdir(cacheDir, { recursive: true });
  const partial = `${path}.partial.mp4`;
  const started = performance.now();
  try {
    await runFfmpeg(buildInputCommand(spec, partial), { ffmpegPath });
    await rename(partial, path);
  } finally {
    await rm(partial, { force: true });
  }
  return { path, generatedSeconds: (performance.now() - started) / 1000 };
}

export async function exists(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  return info !== null && info.isFile() && info.size > 0;
}
