import { chmod, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegError } from '../src/errors.ts';
import type { FfmpegProgress } from '../src/progress-parser.ts';
import { runFfmpeg } from '../src/run-ffmpeg.ts';
import { makeTempDir, tools } from './support/fixtures.ts';

let dir: string;
const endless = ['-re', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=10', '-f', 'null', '-'];

beforeAll(async () => {
  dir = await makeTempDir('run');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('runFfmpeg (real ffmpeg)', () => {
  it('resolves when ffmpeg succeeds and reports progress up to the end', async () => {
    const output = join(dir, 'ok.mp4');
    const progress: FfmpegProgress[] = [];
    await runFfmpeg(
      ['-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=10:d=2', '-c:v', 'libx264', '-preset', 'ultrafast', output],
      {
        ffmpegPath: tools.ffmpegPath,
        expectedDurationSeconds: 2,
        onProgress: (p) => progress.push(p),
      },
    );
    expect((await stat(output)).size).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ done: true, ratio: 1 });
    expect(progress.at(-1)!.outTimeSeconds).toBeGreaterThan(1.5);
  });

  it('turns a non-zero exit into FfmpegError with the exit code and the last stderr lines', async () => {
    const error = await runFfmpeg(['-i', join(dir, 'missing.mp4'), '-f', 'null', '-'], {
      ffmpegPath: tools.ffmpegPath,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegError);
    const ffmpegError = error as FfmpegError;
    expect(ffmpegError.exitCode).not.toBe(0);
    expect(ffmpegError.exitCode).not.toBeNull();
    expect(ffmpegError.timedOut).toBe(false);
    expect(ffmpegError.stderrTail.join('\n')).toContain('missing.mp4');
    expect(ffmpegError.stderrTail.length).toBeLessThanOrEqual(30);
  });

  it('kills ffmpeg when the signal aborts, and rejects with the abort reason once it has exited', async () => {
    const controller = new AbortController();
    let pid = 0;
    const run = runFfmpeg(endless, {
      ffmpegPath: tools.ffmpegPath,
      signal: controller.signal,
      onSpawn: (p) => (pid = p),
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
  });

  it('does not start ffmpeg when the signal is already aborted', async () => {
    let spawned = false;
    const run = runFfmpeg(endless, {
      ffmpegPath: tools.ffmpegPath,
      signal: AbortSignal.abort(),
      onSpawn: () => (spawned = true),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(spawned).toBe(false);
  });

  it('stops ffmpeg after the timeout with a FfmpegError marked timedOut', async () => {
    const error = await runFfmpeg(endless, { ffmpegPath: tools.ffmpegPath, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegError);
    expect((error as FfmpegError).timedOut).toBe(true);
  });

  it('sends SIGKILL after the grace period to a process that ignores SIGTERM', async () => {
    const stubborn = join(dir, 'stubborn-ffmpeg');
    await writeFile(stubborn, "#!/bin/sh\ntrap '' TERM\nexec tail -f /dev/null\n");
    await chmod(stubborn, 0o755);
    const controller = new AbortController();
    let pid = 0;
    const run = runFfmpeg([], {
      ffmpegPath: stubborn,
      signal: controller.signal,
      killGraceMs: 100,
      onSpawn: (p) => {
        pid = p;
        controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(isAlive(pid)).toBe(false);
  });

  it('passes a missing binary through as a spawn error', async () => {
    await expect(runFfmpeg([], { ffmpegPath: join(dir, 'no-such-ffmpeg') })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
