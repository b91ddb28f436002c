import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ProbeError } from './errors.ts';
import type { MediaInfo } from './media-info.ts';
import { parseProbeOutput } from './parse-probe-output.ts';

const execFileAsync = promisify(execFile);

export interface ProbeOptions {
  ffprobePath: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Reads the container and streams of a media file; rejects with ProbeError when ffprobe cannot. */
export async function probe(path: string, options: ProbeOptions): Promise<MediaInfo> {
  const stdout = await runFfprobe(path, ['-show_format', '-show_streams'], options);
  try {
    return parseProbeOutput(stdout);
  } catch (error) {
    throw new ProbeError(path, 'unexpected ffprobe output', [], { cause: error });
  }
}

/** Runs ffprobe with JSON output; spawn failures, timeouts and aborts pass through, ffprobe's own failures become ProbeError. */
export async function runFfprobe(path: string, sections: readonly string[], options: ProbeOptions): Promise<string> {
  const args = ['-v', 'error', '-print_format', 'json', ...sections, '--', path];
  try {
    const { stdout } = await execFileAsync(options.ffprobePath, args, {
      signal: options.signal,
      timeout: options.timeoutMs ?? 30_000,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const failure = error as NodeJS.ErrnoException & { stderr?: string; killed?: boolean };
    if (typeof failure.code === 'string') throw error;
    // A slow machine is not an unreadable file: timeouts stay infrastructure errors, so they are retried.
    if (failure.killed) throw new Error(`ffprobe timed out on ${path}`, { cause: error });
    const stderrTail = (failure.stderr ?? '').split('\n').filter(Boolean).slice(-30);
    throw new ProbeError(path, stderrTail.at(-1) ?? 'ffprobe failed', stderrTail, { cause: error });
  }
}
