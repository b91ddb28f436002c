import type { ResumableStore } from './resumable-store.ts';

/** How often each API process looks for expired uploads; several processes sweeping is harmless. */
export const SWEEP_INTERVAL_MS = 15 * 60 * 1000;

/**
 * Removes unfinished uploads older than the store's expiry, now and then every `intervalMs`.
 * Returns the function that stops the sweep. A failed sweep is reported and retried next time.
 */
export function startExpirySweep(
  store: ResumableStore,
  report: (error: unknown) => void,
  intervalMs = SWEEP_INTERVAL_MS,
): () => void {
  const sweep = () => store.datastore.deleteExpired().catch(report);
  void sweep();
  const timer = setInterval(sweep, intervalMs);
  // The sweep alone never keeps a process alive.
  timer.unref();
  return () => clearInterval(timer);
}
