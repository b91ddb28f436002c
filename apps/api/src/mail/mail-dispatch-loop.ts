import type { MailDispatcher } from '@anb/core';

export interface MailDispatchLoop {
  /** Mail was just queued: run a round now instead of waiting for the next tick. */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Runs the dispatcher every `intervalMs` and whenever woken, one round at a time, in the API process:
 * each API task sends what it (or a crashed neighbour) queued, and the outbox's leases keep them apart.
 */
export function startMailDispatch(
  dispatcher: MailDispatcher,
  options: { intervalMs: number; onError: (error: unknown) => void },
): MailDispatchLoop {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const round = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = dispatcher
      .dispatchDue()
      .then(() => undefined, options.onError)
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          round();
        }
      });
  };
  const timer = setInterval(round, options.intervalMs);
  timer.unref();
  round();

  return {
    wake: round,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
