import type { AttemptCounter } from '@anb/core';

/** How often each API process forgets ended windows; several processes sweeping is harmless. */
export const ATTEMPT_SWEEP_INTERVAL_MS = 60 * 1000;

/**
 * Removes the rate-limit windows that have ended, now and then every `intervalMs`, so the table holds only
 * live counters. Returns the function that stops the sweep. A failed sweep is reported and retried next time.
 */
export function startAttemptSweep(
  counter: AttemptCounter,
  report: (error: unknown) => void,
  intervalMs = ATTEMPT_SWEEP_INTERVAL_MS,
): () => void {
  const sweep = () => counter.removeEnded().catch(report);
  void sweep();
  const timer = setInterval(sweep, intervalMs);
  // The sweep alone never keeps a process alive.
  timer.unref();
  return () => clearInterval(timer);
}
