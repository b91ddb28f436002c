export interface FfmpegProgress {
  /** Position reached in the output. */
  outTimeSeconds: number;
  /** outTimeSeconds / expected duration, capped at 1 and 1 once done; null when no duration was given. */
  ratio: number | null;
  /** Encoding speed relative to real time (2 = twice real time); null before ffmpeg knows. */
  speed: number | null;
  /** True on ffmpeg's last report. */
  done: boolean;
}

/**
 * Reads the key=value lines of `-progress pipe:1`; each block ends with `progress=continue|end`.
 * ffmpeg before 4.2 only has `out_time_ms`, which despite its name is also microseconds.
 */
export function createProgressParser(
  onProgress: (progress: FfmpegProgress) => void,
  expectedDurationSeconds?: number,
): (line: string) => void {
  let outTimeMicros = 0;
  let speed: number | null = null;
  return (line) => {
    const separator = line.indexOf('=');
    if (separator < 0) return;
    const key = line.slice(0, separator).trim();
    const value = line.slice(separator + 1).trim();
    if (key === 'out_time_us' || key === 'out_time_ms') {
      const micros = Number(value);
      if (Number.isFinite(micros) && micros >= 0) outTimeMicros = micros;
    } else if (key === 'speed') {
      const parsed = Number.parseFloat(value);
      speed = Number.isFinite(parsed) ? parsed : null;
    } else if (key === 'progress') {
      const outTimeSeconds = outTimeMicros / 1e6;
      const done = value === 'end';
      // The last frame starts one frame before the end, so a finished run would otherwise stop short of 1.
      const ratio = expectedDurationSeconds ? (done ? 1 : Math.min(1, outTimeSeconds / expectedDurationSeconds)) : null;
      onProgress({ outTimeSeconds, ratio, speed, done });
    }
  };
}
