/**
 * Passes a job's progress on at most once per interval and only when it grew, one write at a time.
 * A failed write is dropped: progress is advisory, and the next report after the interval tries again.
 */
export class ProgressThrottle {
  readonly #write: (percent: number) => Promise<void>;
  readonly #intervalMs: number;
  readonly #now: () => number;
  #lastWriteAt = Number.NEGATIVE_INFINITY;
  #lastPercent = -1;
  #pending: Promise<void> | undefined;

  constructor(write: (percent: number) => Promise<void>, intervalMs: number, now: () => number) {
    this.#write = write;
    this.#intervalMs = intervalMs;
    this.#now = now;
  }

  /** `ratio` is the fraction done (0–1); it is stored as a whole percentage. */
  report(ratio: number): void {
    const percent = Math.floor(Math.min(1, Math.max(0, ratio)) * 100);
    const now = this.#now();
    if (this.#pending || percent <= this.#lastPercent || now - this.#lastWriteAt < this.#intervalMs) return;
    this.#lastWriteAt = now;
    this.#lastPercent = percent;
    this.#pending = this.#write(percent)
      .catch(() => undefined)
      .finally(() => (this.#pending = undefined));
  }

  /** Settles once the write in flight, if any, is done; call it before the job's next state change. */
  async settled(): Promise<void> {
    await this.#pending;
  }
}
