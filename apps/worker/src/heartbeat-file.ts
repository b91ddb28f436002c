import { stat, writeFile } from 'node:fs/promises';

export interface HeartbeatOptions {
  file: string;
  intervalMs: number;
  /** Undefined while healthy; otherwise the reason, and the file is left to go stale. */
  problem(): string | undefined;
  onStale(reason: string): void;
  onError(error: unknown): void;
}

/**
 * Rewrites the heartbeat file every interval while the worker is healthy. The container health check
 * only reads the file's age, so a blocked event loop fails it as surely as a stalled poll loop.
 */
export function startHeartbeat(options: HeartbeatOptions): { stop(): void } {
  let reportedStale = false;
  const beat = async () => {
    const reason = options.problem();
    if (reason) {
      if (!reportedStale) options.onStale(reason);
      reportedStale = true;
      return;
    }
    reportedStale = false;
    await writeFile(options.file, `${new Date().toISOString()}\n`).catch(options.onError);
  };
  void beat();
  const timer = setInterval(() => void beat(), options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Seconds since the heartbeat file was last written; undefined when there is none yet. */
export async function heartbeatAgeSeconds(file: string, now: number): Promise<number | undefined> {
  try {
    const { mtimeMs } = await stat(file);
    return (now - mtimeMs) / 1000;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
