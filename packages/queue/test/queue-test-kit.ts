import { randomUUID } from 'node:crypto';
import type { JobQueue, ProcessVideoJob, ReceivedMessage } from '@anb/core';

export type Message = ReceivedMessage<ProcessVideoJob>;

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

  /** Resolves once `count` messages arrived in total; rejects after `timeoutMs`. */
  async received(count: number, timeoutMs = 5_000): Promise<Message[]> {
    if (this.messages.length < count) {
      const arrived = new Promise<void>((resolve) => this.#waiters.push({ count, resolve }));
      await within(arrived, timeoutMs, `delivery #${count}`);
    }
    return this.messages;
  }
}

/** Rejects with a readable message when `promise` takes longer than `timeoutMs`. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${timeoutMs} ms`)), timeoutMs);
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
