/**
 * A fixed number of turns to encode, handed out first come, first served. The worker takes one message more than
 * it has turns, so the next video is claimed, fetched and probed while the cores encode, and its encode starts the
 * moment one ends; the checks, join and storing of a finished encode run beside the next one.
 */
export class EncodeTurns {
  readonly #waiting: (() => void)[] = [];
  #free: number;

  constructor(turns: number) {
    if (!(Number.isInteger(turns) && turns >= 1)) throw new RangeError('turns must be a positive integer');
    this.#free = turns;
  }

  /** Resolves with the function that ends the turn (call it once); rejects with the reason if `signal` aborts first. */
  take = (signal?: AbortSignal): Promise<() => void> => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#free > 0) {
      this.#free -= 1;
      return Promise.resolve(this.#ender());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', abort);
        resolve(this.#ender());
      };
      const abort = () => {
        this.#waiting.splice(this.#waiting.indexOf(grant), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.#waiting.push(grant);
    });
  };

  /** Turns nobody holds. */
  get free(): number {
    return this.#free;
  }

  #ender(): () => void {
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free += 1;
    };
  }
}
