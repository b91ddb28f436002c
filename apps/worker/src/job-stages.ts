import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The steps of one job, in the order they run: the database claim, the copy of the original out of the store,
 * the render's own steps (probe, bumpers, waiting for a turn to encode, encode, checks, join), the uploads of video and poster into the store,
 * the publishing update, and the scratch folder's removal. `progress` is the encoder's progress writes, which
 * run beside the encode rather than after it.
 */
export type JobStage =
  | 'claim'
  | 'download'
  | 'probe'
  | 'bumpers'
  | 'waiting'
  | 'encode'
  | 'verify'
  | 'join'
  | 'one-pass'
  | 'store'
  | 'publish'
  | 'fail'
  | 'cleanup'
  | 'progress';

/** Milliseconds spent per step of one job; steps that run more than once add up. */
export class StageClock {
  readonly #ms = new Map<JobStage, number>();
  #open: { stage: JobStage; since: number } | undefined;
  /** When the encode began and ended (epoch ms), to see from outside how the encodes of several jobs overlapped. */
  #encodeWindow: [number, number] | undefined;

  add(stage: JobStage, ms: number): void {
    this.#ms.set(stage, (this.#ms.get(stage) ?? 0) + ms);
  }

  /** Times `work` as `stage`. */
  async time<T>(stage: JobStage, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(stage, performance.now() - started);
    }
  }

  /** For steps known only by their start (the render reports each as it begins): ends the step running. */
  enter(stage: JobStage | undefined, now = performance.now()): void {
    if (this.#open) this.add(this.#open.stage, now - this.#open.since);
    this.#open = stage === undefined ? undefined : { stage, since: now };
  }

  /** The encode holds its turn from now (epoch ms)… */
  encodeStarted(at = Date.now()): void {
    this.#encodeWindow = [at, at];
  }

  /** …until now. */
  encodeEnded(at = Date.now()): void {
    if (this.#encodeWindow) this.#encodeWindow[1] = at;
  }

  /** The encode's start and end in epoch milliseconds; undefined when the job did not encode. */
  get encodeWindow(): readonly [number, number] | undefined {
    return this.#encodeWindow;
  }

  /** Whole milliseconds per step, for the job's log line. */
  toJSON(): Partial<Record<JobStage, number>> {
    return Object.fromEntries([...this.#ms].map(([stage, ms]) => [stage, Math.round(ms)]));
  }
}

const clocks = new AsyncLocalStorage<StageClock>();

/** Runs one job with its own clock, which the timed ports below reach without being handed it. */
export function withStageClock<T>(clock: StageClock, job: () => Promise<T>): Promise<T> {
  return clocks.run(clock, job);
}

/** The clock of the job this code runs for; undefined outside a job. */
export function currentStageClock(): StageClock | undefined {
  return clocks.getStore();
}

/** Times `work` as `stage` on the current job's clock, or just runs it outside a job. */
export function timed<T>(stage: JobStage, work: () => Promise<T>): Promise<T> {
  const clock = currentStageClock();
  return clock ? clock.time(stage, work) : work();
}
