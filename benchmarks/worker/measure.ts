import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Clock ticks per second of /proc's CPU counters (100 on Linux almost everywhere). */
export const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU seconds (user + system) of every child this process has waited for: fields cutime and
 * cstime of /proc/self/stat. Node reaps ffmpeg/ffprobe before reporting their exit, so the
 * difference around a job is the job's CPU time, all threads included. Null off Linux.
 */
export function childCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17.
    return (Number(fields[13]) + Number(fields[14])) / clockTicks;
  } catch {
    return null;
  }
}

export type LoadAverages = [number, number, number];

export function loadAverages(): LoadAverages {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return [round(one, 2), round(five, 2), round(fifteen, 2)];
}

export interface Sample<T> {
  value: T;
  wallSeconds: number;
  cpuSeconds: number | null;
  loadBefore: LoadAverages;
  loadAfter: LoadAverages;
}

/** Runs one job and records wall time, child CPU time and the load averages around it. */
export async function measure<T>(job: () => Promise<T>): Promise<Sample<T>> {
  const loadBefore = loadAverages();
  const cpuBefore = childCpuSeconds();
  const started = performance.now();
  const value = await job();
  const wallSeconds = (performance.now() - started) / 1000;
  const cpuAfter = childCpuSeconds();
  const cpuSeconds = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  return { value, wallSeconds, cpuSeconds, loadBefore, loadAfter: loadAverages() };
}

export interface Quality {
  ssim: number;
  ssimY: number;
  psnr: number;
  psnrY: number;
}

/**
 * SSIM and PSNR of `clipSeconds` of `distortedPath` starting at `offsetSeconds` (past the opening
 * bumper) against the whole reference, frame by frame. Accurate input seeking makes the first
 * compared frame the first clip frame; a one-frame shift would show as a collapse of SSIM on
 * content with temporal noise.
 */
export async function compareQuality(
  ffmpegPath: string,
  distortedPath: string,
  offsetSeconds: number,
  clipSeconds: number,
  referencePath: string,
): Promise<Quality> {
  const graph =
    '[0:v]setpts=PTS-STARTPTS,split[d1][d2];[1:v]setpts=PTS-STARTPTS,split[r1][r2];' +
    '[d1][r1]ssim=shortest=1;[d2][r2]psnr=shortest=1';
  const args = [
    ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info'],
    ['-ss', String(offsetSeconds), '-t', String(clipSeconds), '-i', distortedPath],
    ['-i', referencePath],
    ['-lavfi', graph, '-f', 'null', '-'],
  ].flat();
  const { stderr } = await execFileAsync(ffmpegPath, args, { maxBuffer: 64 * 1024 * 1024 });
  const ssim = /SSIM Y:([\d.]+).*All:([\d.]+)/.exec(stderr);
  const psnr = /PSNR y:([\d.]+|inf).*average:([\d.]+|inf)/.exec(stderr);
  if (!ssim?.[1] || !ssim[2] || !psnr?.[1] || !psnr[2]) throw new Error(`no SSIM/PSNR in ffmpeg output:\n${stderr}`);
  return {
    ssim: Number(ssim[2]),
    ssimY: Number(ssim[1]),
    psnr: parseDecibels(psnr[2]),
    psnrY: parseDecibels(psnr[1]),
  };
}

function parseDecibels(text: string): number {
  return text === 'inf' ? Number.POSITIVE_INFINITY : Number(text);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
