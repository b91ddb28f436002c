/** One anonymous answer, already serialized, with the headers that go with it. */
export interface CachedAnswer {
  /** As the route's serializer gave it (a string for JSON). */
  body: string | Uint8Array | ArrayBuffer;
  headers: Record<string, string | number>;
}

export interface PublicReadCacheOptions {
  /** How long an answer is served without reading again; 0 reads every time (readers still share a read). */
  freshMs: number;
  /** Answers kept at most: keys come from query strings, which anyone can vary. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  answer: CachedAnswer;
  storedAt: number;
  generation: number;
}

interface Refresh {
  answer: Promise<CachedAnswer>;
  generation: number;
}

/**
 * The rankings and the public listing as anonymous readers get them, kept for a moment (ADR 30).
 *
 * Thousands of readers a second ask for the same few pages while votes arrive; reading the database for each
 * makes them queue for connections behind the votes. Here one read serves everyone for `freshMs`.
 * - Votes tallied by this process (`outdated()`): the next reader of each key waits for a fresh read, so a voter
 *   who then opens the rankings sees the vote; readers arriving during that read get the previous answer.
 * - An organiser's action (`discard()`): nobody gets an earlier answer again; a hidden video is gone at once.
 * - Changes made by other processes (another API task's tally, the worker publishing) show within `freshMs`.
 */
export class PublicReadCache {
  readonly #freshMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();
  readonly #refreshes = new Map<string, Refresh>();
  #generation = 0;

  constructor(options: PublicReadCacheOptions) {
    this.#freshMs = options.freshMs;
    this.#maxEntries = options.maxEntries ?? 1000;
    this.#now = options.now ?? Date.now;
  }

  /** The answer for `key`: kept, or read with `read` (one read at a time per key, shared by its waiters). */
  async answer(key: string, read: () => Promise<CachedAnswer>): Promise<CachedAnswer> {
    const entry = this.#entries.get(key);
    if (entry && this.#isFresh(entry)) return entry.answer;
    const running = this.#refreshes.get(key);
    // A read begun before the latest change may miss it: only a read begun since is waited for or shared.
    if (running?.generation === this.#generation) return entry ? entry.answer : running.answer;
    return this.#refresh(key, read);
  }

  /** Counts moved through this process: each key is read again by its next reader. */
  outdated(): void {
    this.#generation += 1;
  }

  /** Something must leave the public's view at once: no earlier answer is handed out again. */
  discard(): void {
    this.#generation += 1;
    this.#entries.clear();
  }

  #isFresh(entry: Entry): boolean {
    return entry.generation === this.#generation && this.#now() - entry.storedAt < this.#freshMs;
  }

  #refresh(key: string, read: () => Promise<CachedAnswer>): Promise<CachedAnswer> {
    const generation = this.#generation;
    const storedAt = this.#now();
    const answer = read();
    const refresh = { answer, generation };
    this.#refreshes.set(key, refresh);
    const settle = () => {
      if (this.#refreshes.get(key) === refresh) this.#refreshes.delete(key);
    };
    answer.then((value) => {
      settle();
      // A read that began before a change may hold what the change replaced: hand it out, never keep it.
      if (this.#freshMs > 0 && generation === this.#generation)
        this.#keep(key, { answer: value, storedAt, generation });
    }, settle);
    return answer;
  }

  #keep(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    // Oldest first in a Map: drop from the front once full.
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(oldest);
    }
  }
}
