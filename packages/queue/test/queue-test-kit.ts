import { randomUUID } from 'node:crypto';
import type { JobQueue, ProcessVideoJob, ReceivedMessage } from '@anb/core';

export type Message = ReceivedMessage<ProcessVideoJob>;

/**
 * How long a test waits for something that should happen at once. Only a hang reaches it, and it
 * fails with a readable message before the test's own 30 s timeout; it is never a speed target, so
 * a busy machine does not fail a test by being slow.
 */
export const PATIENCE_MS = 20_000;

/** For vi.waitFor: its default gives up after 1 s, which a busy machine can exceed. */
export const patiently = { timeout: PATIENCE_MS, interval: 20 };

/**
 * A visibility timeout, or poll interval, that no test outlives. Where a test tells "at once" from
 * "after the timeout", the timeout is this long: the "after" case can then never happen within the
 * test, and the test needs no window of its own.
 */
export const LONGER_THAN_ANY_TEST_SECONDS = 600;

export const newJob = (): ProcessVideoJob => ({ videoId: randomUUID() });

/** A promise that the test opens by hand, to hold a handler for as long as a scenario needs. */
export class Gate {
  readonly opened: Promise<void>;
  open!: () => void;

  constructor() {
    this.opened = new Promise((resolve) => (this.open = resolve));
  }
}

/** Every message a consumer received, with a way to await the n-th. */
export class Inbox {
  readonly messages: Message[] = [];
  #waiters: Array<{ count: number; resolve: () => void }> = [];

  record(message: Message): void {
    this.messages.push(message);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (this.messages.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  }

  /** Resolves once `count` messages arrived in total. */
  async received(count: number): Promise<Message[]> {
    if (this.messages.length < count) {
      const arrived = new Promise<void>((resolve) => this.#waiters.push({ count, resolve }));
      await within(arrived, `delivery #${count}`);
    }
    return this.messages;
  }
}

/** Rejects with a readable message when `promise` hangs (takes longer than `PATIENCE_MS`). */
export async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${PATIENCE_MS} ms`)), PATIENCE_MS);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

export interface RunningConsumer {
  inbox: Inbox;
  errors: unknown[];
  /** Settles when `consume` resolves. */
  done: Promise<void>;
  /** Aborts the signal and waits for `consume` to resolve. */
  stop(): Promise<void>;
}

/** Starts `queue.consume`, recording deliveries before `behaviour` runs; `stopAll` ends every one started. */
export class Consumers {
  #running: RunningConsumer[] = [];
  #gates: Gate[] = [];

  gate(): Gate {
    const gate = new Gate();
    this.#gates.push(gate);
    return gate;
  }

  start(
    queue: JobQueue,
    behaviour: (message: Message) => Promise<void> = async () => {},
    { concurrency = 1, stopTimeoutMs = 100 } = {},
  ): RunningConsumer {
    const controller = new AbortController();
    const inbox = new Inbox();
    const errors: unknown[] = [];
    const done = queue.consume(
      async (message) => {
        inbox.record(message);
        await behaviour(message);
      },
      { concurrency, signal: controller.signal, stopTimeoutMs, onError: (error) => errors.push(error) },
    );
    const consumer: RunningConsumer = {
      inbox,
      errors,
      done,
      stop: () => {
        controller.abort();
        return done;
      },
    };
    this.#running.push(consumer);
    return consumer;
  }

  async stopAll(): Promise<void> {
    const running = this.#running.splice(0);
    await Promise.all(running.map((consumer) => consumer.stop()));
    for (const gate of this.#gates.splice(0)) gate.open();
  }
}
