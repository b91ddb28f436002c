export interface RepeatingRound {
  /** There is new work: run a round now instead of waiting for the next tick. */
  wake(): void;
  /** No more rounds; resolves once the running one (if any) is over. */
  stop(): Promise<void>;
}

/**
 * Runs `round` at once, then every `intervalMs` and whenever woken, one round at a time: a wake during a
 * round asks for one more right after it. A failed round is reported and the next tick tries again.
 * The API processes use it for work that must not wait in a request: sending the mail outbox and
 * tallying votes.
 */
export function repeatRounds(
  round: () => Promise<unknown>,
  options: { intervalMs: number; onError: (error: unknown) => void },
): RepeatingRound {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = round()
      .then(() => undefined, options.onError)
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, options.intervalMs);
  // The rounds alone never keep a process alive.
  timer.unref();
  run();

  return {
    wake: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
