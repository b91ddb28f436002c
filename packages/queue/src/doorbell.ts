/**
 * Wakes an idle poller early. A ring that arrives while the poller is busy querying
 * is remembered until its next `wait`, so a publish is never missed between the two.
 */
export class Doorbell {
  #rung = false;
  #waiters = new Set<() => void>();

  ring(): void {
    this.#rung = true;
    for (const wake of this.#waiters) wake();
  }

  /** Forgets earlier rings; call right before looking for work. */
  arm(): void {
    this.#rung = false;
  }

  /** Resolves on a ring since `arm`, after `timeoutMs`, or when `signal` aborts. */
  wait(timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.#rung || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        this.#waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      signal.addEventListener('abort', wake, { once: true });
      this.#waiters.add(wake);
    });
  }
}
