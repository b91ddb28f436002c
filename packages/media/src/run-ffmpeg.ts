import { spawn } from 'node:child_process';
import { FfmpegError } from './errors.ts';
import { createLineSplitter, createLineTail } from './line-splitter.ts';
import { createProgressParser } from './progress-parser.ts';
import type { FfmpegProgress } from './progress-parser.ts';

export interface RunFfmpegOptions {
  ffmpegPath: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** How long ffmpeg may take to stop after SIGTERM before it gets SIGKILL. */
  killGraceMs?: number;
  /** Output duration the progress ratio is computed against. */
  expectedDurationSeconds?: number;
  onProgress?: (progress: FfmpegProgress) => void;
  onSpawn?: (pid: number) => void;
}

const stderrTailLines = 30;

/** Plumbing every run needs; the commands themselves come from the pure builders. */
const runnerArgs = ['-hide_banner', '-nostdin', '-nostats', '-y', '-loglevel', 'warning', '-progress', 'pipe:1'];

/**
 * Spawns ffmpeg (never through a shell) and settles once it has exited: resolves on exit code 0,
 * rejects with FfmpegError otherwise, with the abort reason when `signal` aborts.
 */
export function runFfmpeg(args: readonly string[], options: RunFfmpegOptions): Promise<void> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const child = spawn(options.ffmpegPath, [...runnerArgs, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const stderr = createLineTail(stderrTailLines);
    const stderrLines = createLineSplitter(stderr.add);
    const progressLines = createLineSplitter(
      createProgressParser((progress) => options.onProgress?.(progress), options.expectedDurationSeconds),
    );
    child.stdout.setEncoding('utf8').on('data', progressLines.push);
    child.stderr.setEncoding('utf8').on('data', stderrLines.push);

    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const terminate = () => {
      if (killTimer) return;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), options.killGraceMs ?? 2_000);
    };
    const timeoutTimer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          terminate();
        }, options.timeoutMs)
      : undefined;
    signal?.addEventListener('abort', terminate, { once: true });

    const cleanUp = () => {
      clearTimeout(timeoutTimer);
      clearTimeout(killTimer);
      signal?.removeEventListener('abort', terminate);
    };
    child.once('spawn', () => {
      if (child.pid !== undefined) options.onSpawn?.(child.pid);
    });
    child.once('error', (error) => {
      cleanUp();
      reject(error);
    });
    child.once('close', (exitCode, exitSignal) => {
      cleanUp();
      stderrLines.end();
      progressLines.end();
      if (signal?.aborted) reject(signal.reason);
      else if (exitCode === 0 && !timedOut) resolve();
      else reject(new FfmpegError({ exitCode, signal: exitSignal, timedOut, stderrTail: stderr.lines() }));
    });
  });
}
