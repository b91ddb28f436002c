/**
 * Coalesces identical concurrent reads: while a read for a key is in flight, callers asking for the
 * same key share its promise instead of running their own. Nothing is kept once it settles, so a
 * read that starts after a write has finished always sees that write.
 */
export class SingleFlight<T> {
  readonly #inflight = new Map<string, Promise<T>>();

  run(key: string, read: () => Promise<T>): Promise<T> {
    const running = this.#inflight.get(key);
    if (running) return running;
    const started = read().finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, started);
    return started;
  }
}
