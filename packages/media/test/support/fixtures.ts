import { execFile } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MediaToolNotFoundError } from '../../src/errors.ts';
import type { MediaTools } from '../../src/locate-binaries.ts';
import { locateMediaTools } from '../../src/locate-binaries.ts';

const execFileAsync = promisify(execFile);
export const tools = locateMediaTools();

/** The binaries of the @ffmpeg-installer / @ffprobe-installer packages, or null where none is installed for this platform. */
export function packagedMediaTools(): MediaTools | null {
  try {
    // With neither FFMPEG_PATH nor PATH, the lookup ends at the packaged binaries.
    return locateMediaTools({});
  } catch (error) {
    if (error instanceof MediaToolNotFoundError) return null;
    throw error;
  }
}

export interface FixtureOptions {
  width: number;
  height: number;
  seconds: number;
  fps?: number;
  /** A flat colour (with light noise) makes regions easy to measure; the default is the moving test pattern. */
  color?: string;
  audio?: boolean;
  /** Darkens the left half of the stored picture, so the output shows which way it was turned. */
  darkLeftHalf?: boolean;
  /** Stored as a `rotate` tag / display matrix, the way phones store portrait recordings. */
  rotate?: 90 | 270;
}

/**
 * An HDR phone recording in miniature: 10-bit HEVC, BT.2020, PQ or HLG. The top two thirds hold a white patch
 * (left) and a mid-grey patch (right) on black, graded so SDR white sits at the BT.2408 reference white (203 nits);
 * the bottom third holds a highlight patch at 1000 nits (left) on black, for the roll-off above reference white.
 */
export async function makeHdrVideo(
  path: string,
  transfer: 'smpte2084' | 'arib-std-b67',
  { width, height, seconds }: Pick<FixtureOptions, 'width' | 'height' | 'seconds'>,
): Promise<string> {
  const topHeight = Math.round((height * 2) / 3 / 2) * 2;
  const patch = (x: number, y: number, colour: string) =>
    `drawbox=x=${x}*iw/16:y=${y}*ih:w=6*iw/16:h=(1-2*${y})*ih:color=${colour}:t=fill`;
  // npl is the luminance SDR white is graded to; 8-bit gbrp, not gbrpf32le, because the npm fallback's swscale
  // (ffmpeg 4.1) cannot convert drawbox's output to float; zscale computes in float anyway.
  const toHdr = (nits: number) =>
    `format=gbrp,zscale=tin=bt709:pin=bt709:min=gbr:t=${transfer}:p=bt2020:m=bt2020nc:npl=${nits}:r=tv,format=yuv420p10le`;
  const black = (h: number) => `color=c=black:s=${width}x${h}:r=10:d=${seconds}`;
  const top = `${black(topHeight)},${patch(1, 1 / 8, 'white')},${patch(9, 1 / 8, '0x808080')},${toHdr(203)}`;
  const bottom = `${black(height - topHeight)},${patch(1, 1 / 12, 'white')},${toHdr(1000)}`;
  // vstack rather than overlay: the fallback's overlay has no 10-bit formats.
  await ffmpeg([
    ...['-f', 'lavfi', '-i', top, '-f', 'lavfi', '-i', bottom, '-filter_complex', '[0][1]vstack'],
    ...['-c:v', 'libx265', '-x265-params', 'log-level=error', '-pix_fmt', 'yuv420p10le'],
    ...['-color_trc', transfer, '-color_primaries', 'bt2020', '-colorspace', 'bt2020nc'],
    path,
  ]);
  return path;
}

/** Generates a small H.264 MP4 with lavfi sources; nothing binary is committed. */
export async function makeVideo(path: string, options: FixtureOptions): Promise<string> {
  const { width, height, seconds, fps = 30 } = options;
  const size = `s=${width}x${height}:r=${fps}:d=${seconds}`;
  const marker = options.darkLeftHalf ? ',drawbox=x=0:y=0:w=iw/2:h=ih:color=0x404040:t=fill' : '';
  const source = options.color
    ? `color=c=${options.color}:${size}${marker},noise=alls=6:allf=t`
    : `testsrc2=${size}${marker},noise=alls=12:allf=t+u`;
  const audio = options.audio ? ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`] : [];
  const encodedPath = options.rotate ? `${path}.unrotated.mp4` : path;
  await ffmpeg([
    ...['-f', 'lavfi', '-i', source, ...audio],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
    ...(options.audio ? ['-c:a', 'aac', '-shortest'] : []),
    encodedPath,
  ]);
  if (options.rotate) {
    await ffmpeg(['-i', encodedPath, '-c', 'copy', '-metadata:s:v:0', `rotate=${options.rotate}`, path]);
    await rm(encodedPath);
  }
  return path;
}

export async function ffmpeg(args: string[]): Promise<Buffer> {
  const { stdout } = await execFileAsync(tools.ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

export interface LumaFrame {
  width: number;
  height: number;
  pixels: Buffer;
}

/** The luma plane of the frame shown at `atSeconds`. */
export async function readLuma(path: string, atSeconds: number, width = 1280, height = 720): Promise<LumaFrame> {
  const seek = atSeconds > 0 ? ['-ss', String(atSeconds)] : [];
  const pixels = await ffmpeg([...seek, '-i', path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-']);
  if (pixels.length !== width * height)
    throw new Error(`expected a ${width}x${height} frame, got ${pixels.length} bytes`);
  return { width, height, pixels };
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function meanLuma(frame: LumaFrame, region: Region): number {
  let sum = 0;
  for (let y = region.y; y < region.y + region.height; y++) {
    for (let x = region.x; x < region.x + region.width; x++) sum += frame.pixels[y * frame.width + x]!;
  }
  return sum / (region.width * region.height);
}

export function meanAbsDifference(a: LumaFrame, b: LumaFrame, region: Region): number {
  let sum = 0;
  for (let y = region.y; y < region.y + region.height; y++) {
    for (let x = region.x; x < region.x + region.width; x++) {
      const i = y * a.width + x;
      sum += Math.abs(a.pixels[i]! - b.pixels[i]!);
    }
  }
  return sum / (region.width * region.height);
}

/** Types of the top-level MP4 boxes in file order (ftyp, moov, mdat...). */
export async function topLevelBoxes(path: string): Promise<string[]> {
  const file = await open(path);
  try {
    const { size: fileSize } = await file.stat();
    const header = Buffer.alloc(16);
    const types: string[] = [];
    for (let offset = 0; offset + 8 <= fileSize;) {
      await file.read(header, 0, 16, offset);
      const size32 = header.readUInt32BE(0);
      types.push(header.toString('latin1', 4, 8));
      const size = size32 === 1 ? Number(header.readBigUInt64BE(8)) : size32 === 0 ? fileSize - offset : size32;
      if (size < 8) throw new Error(`bad box size ${size} at ${offset}`);
      offset += size;
    }
    return types;
  } finally {
    await file.close();
  }
}

export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `anb-media-${prefix}-`));
}
