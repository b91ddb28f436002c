import type { Readable } from 'node:stream';

/** One finished job as the worker logs it ('video job done', apps/worker/src/start-worker.ts). */
export interface LoggedJob {
  videoId: string;
  result: string;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt: number;
  /** Milliseconds per step of the job (apps/worker/src/job-stages.ts). */
  stages: Record<string, number>;
}

/**
 * Reads the product's JSON log lines from its standard output and keeps the finished jobs; `onJob` hears of
 * each as its line arrives.
 */
export class JobLog {
  readonly jobs: LoggedJob[] = [];
  readonly failures: string[] = [];
  #partial = '';
  #onJob: ((job: LoggedJob) => void) | undefined;

  constructor(stdout: Readable) {
    stdout.setEncoding('utf8');
    stdout.on('data', (chunk: string) => {
      const lines = (this.#partial + chunk).split('\n');
      this.#partial = lines.pop() ?? '';
      for (const line of lines) this.#read(line);
    });
  }

  onJob(listener: ((job: LoggedJob) => void) | undefined): void {
    this.#onJob = listener;
  }

  #read(line: string): void {
    if (!line.startsWith('{')) return;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    if (entry.msg === 'video job failed; it will be retried') this.failures.push(line);
    if (entry.msg !== 'video job done' || typeof entry.startedAt !== 'number') return;
    const job: LoggedJob = {
      videoId: String(entry.videoId),
      result: String(entry.result),
      startedAt: entry.startedAt,
      endedAt: Number(entry.endedAt),
      stages: (entry.stages ?? {}) as Record<string, number>,
    };
    this.jobs.push(job);
    this.#onJob?.(job);
  }
}
