export interface LivenessLimits {
  /** Slots of the consume loop; when all are busy it does not poll, and that is not a stall. */
  concurrency: number;
  /** Longest the loop may go without a receive returning while it has a free slot. */
  maxPollGapMs: number;
  /** A job running longer than this is stuck. */
  maxJobMs: number;
}

/**
 * What "the worker is healthy" means: its poll loop keeps reporting (or every slot is busy), and no job has
 * run past its budget. Time is passed in, so the rule is tested without waiting.
 */
export class WorkerLiveness {
  readonly #limits: LivenessLimits;
  readonly #jobStarts = new Map<symbol, number>();
  #lastPoll: number;

  constructor(limits: LivenessLimits, now: number) {
    this.#limits = limits;
    this.#lastPoll = now;
  }

  polled(now: number): void {
    this.#lastPoll = now;
  }

  /** Returns the token that ends this job. */
  jobStarted(now: number): symbol {
    const token = Symbol('job');
    this.#jobStarts.set(token, now);
    return token;
  }

  jobEnded(token: symbol): void {
    this.#jobStarts.delete(token);
  }

  get runningJobs(): number {
    return this.#jobStarts.size;
  }

  /** Undefined when healthy, else why not (logged, and the heartbeat stops). */
  problem(now: number): string | undefined {
    const oldestStart = Math.min(...this.#jobStarts.values());
    if (now - oldestStart > this.#limits.maxJobMs) {
      return `a job has run for ${Math.round((now - oldestStart) / 1000)} s`;
    }
    const allSlotsBusy = this.#jobStarts.size >= this.#limits.concurrency;
    if (!allSlotsBusy && now - this.#lastPoll > this.#limits.maxPollGapMs) {
      return `the queue has not been polled for ${Math.round((now - this.#lastPoll) / 1000)} s`;
    }
    return undefined;
  }
}
