export interface BackoffSettings {
  /** Ceiling of the first delay; the ceiling doubles with each consecutive failure. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { initialDelayMs: 100, maxDelayMs: 20_000 };

/** Exponential back-off with full jitter, so workers that lost the same backend do not retry in step. */
export class Backoff {
  #settings: BackoffSettings;
  #failures = 0;

  constructor(settings: BackoffSettings) {
    this.#settings = settings;
  }

  nextDelayMs(): number {
    const ceiling = Math.min(
      this.#settings.maxDelayMs,
      this.#settings.initialDelayMs * 2 ** Math.min(this.#failures, 30),
    );
    this.#failures += 1;
    return Math.random() * ceiling;
  }

  reset(): void {
    this.#failures = 0;
  }
}
