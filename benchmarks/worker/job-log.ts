import type { Readable } from 'node:stream';

/** One finished job as the worker logs it ('video job done', apps/worker/src/start-worker.ts). */
export interface LoggedJob {
  videoId: string;
  result: string;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt: number;
  /** When the job's encode held its turn (epoch ms); absent from workers that did not log it. */
  encodeStartedAt?: number;
  encodeEndedAt?: number;
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
  /** From the worker's start-up line: encodes at once, and messages taken beyond them. */
  worker: { concurrency: number; preparedAhead: number } | undefined;
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
    if (entry.msg === 'worker polling the queue')
      this.worker = { concurrency: Number(entry.concurrency), preparedAhead: Number(entry.preparedAhead ?? 0) };
    if (entry.msg !== 'video job done' || typeof entry.startedAt !== 'number') return;
    const job: LoggedJob = {
      videoId: String(entry.videoId),
      result: String(entry.result),
      startedAt: entry.startedAt,
      endedAt: Number(entry.endedAt),
      ...(typeof entry.encodeStartedAt === 'number' && typeof entry.encodeEndedAt === 'number'
        ? { encodeStartedAt: entry.encodeStartedAt, encodeEndedAt: entry.encodeEndedAt }
        : {}),
      stages: (entry.stages ?? {}) as Record<string, number>,
    };
    this.jobs.push(job);
    this.#onJob?.(job);
  }
}
