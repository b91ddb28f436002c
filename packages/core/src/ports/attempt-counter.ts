/** The attempts counted under one key in its current window. */
export interface AttemptCount {
  /** Attempts in the window, this one included. */
  attempts: number;
  /** Milliseconds until the window ends and the count starts again. */
  windowEndsInMs: number;
}

/**
 * Counts attempts per key (a client, an account, a mailbox) for the rate limits, in one place shared by every
 * API process, so a limit holds whatever process a request reaches. A window starts at a key's first attempt.
 */
export interface AttemptCounter {
  /** Counts one attempt under `key` in a window of `windowMs`, and tells where the count stands. */
  count(key: string, windowMs: number): Promise<AttemptCount>;
  /** Forgets the windows that have ended; returns how many. */
  removeEnded(): Promise<number>;
}
