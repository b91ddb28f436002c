import type { ConsumeOptions, ReceivedMessage } from '@anb/core';
import { Backoff, type BackoffSettings } from './backoff.ts';
import { delay } from './delay.ts';

/** A received message plus whatever its backend needs to extend, delete or release it. */
export interface Lease<T> {
  message: ReceivedMessage<T>;
}

/** The few operations a backend provides so that `consumeLeases` gives it SQS semantics. */
export interface LeaseStore<T, L extends Lease<T>> {
  /** Waits (long polls) for up to `max` messages; may resolve empty, and should resolve soon after `signal` aborts. */
  receive(max: number, signal: AbortSignal): Promise<L[]>;
  /** Heartbeat: pushes the visibility deadline a full timeout away. */
  extend(lease: L): Promise<void>;
  /** The handler succeeded. */
  delete(lease: L): Promise<void>;
  /** The handler failed: the message may be received again. */
  retry(lease: L): Promise<void>;
  /** The consumer stops before the handler finished: another consumer may take the message now. */
  release(lease: L): Promise<void>;
}

export interface LeaseTiming {
  heartbeatIntervalMs: number;
  /** Delays between failed receives. */
  backoff: BackoffSettings;
}

type Handler<T> = (message: ReceivedMessage<T>) => Promise<void>;

interface InFlight {
  /** Settles once the handler settled and its message was deleted or retried; never rejects. */
  done: Promise<void>;
  /** Stops the heartbeat and releases the message, unless the handler already finished. */
  abandon(): Promise<void>;
}

/** The consume loop shared by every adapter: bounded concurrency, heartbeats, back-off and graceful stop. */
export async function consumeLeases<T, L extends Lease<T>>(
  store: LeaseStore<T, L>,
  handler: Handler<T>,
  options: ConsumeOptions,
  timing: LeaseTiming,
): Promise<void> {
  const { concurrency, signal, stopTimeoutMs } = options;
  const onError = options.onError ?? (() => {});
  const stopped = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  const running = new Set<InFlight>();
  const receiveFailures = new Backoff(timing.backoff);

  while (!signal.aborted) {
    if (running.size >= concurrency) {
      await Promise.race([stopped, ...[...running].map((inFlight) => inFlight.done)]);
      continue;
    }
    let leases: L[];
    try {
      leases = await store.receive(concurrency - running.size, signal);
      receiveFailures.reset();
      options.onPoll?.();
    } catch (error) {
      options.onPoll?.();
      if (signal.aborted) break;
      onError(error);
      await delay(receiveFailures.nextDelayMs(), signal);
      continue;
    }
    if (signal.aborted) {
      // Received while stopping: hand them straight back rather than start work we may not finish.
      await Promise.all(leases.map((lease) => store.release(lease).catch(onError)));
      break;
    }
    for (const lease of leases) {
      const inFlight = handleLease(lease, store, handler, timing.heartbeatIntervalMs, onError);
      running.add(inFlight);
      void inFlight.done.then(() => running.delete(inFlight));
    }
  }

  await finishOrRelease(running, stopTimeoutMs);
}

function handleLease<T, L extends Lease<T>>(
  lease: L,
  store: LeaseStore<T, L>,
  handler: Handler<T>,
  heartbeatIntervalMs: number,
  onError: (error: unknown) => void,
): InFlight {
  let handlerFinished = false;
  let abandoned = false;
  let extending: Promise<void> | undefined;
  const heartbeat = setInterval(() => {
    // One extension at a time; a slow backend must not pile up requests.
    extending ??= store
      .extend(lease)
      .catch(onError)
      .finally(() => (extending = undefined));
  }, heartbeatIntervalMs);

  const settle = async (succeeded: boolean) => {
    handlerFinished = true;
    clearInterval(heartbeat);
    // An extension landing after the delete would be reported as a lost lease.
    await extending;
    if (abandoned) return;
    await (succeeded ? store.delete(lease) : store.retry(lease)).catch(onError);
  };
  const done = Promise.resolve()
    .then(() => handler(lease.message))
    .then(
      () => settle(true),
      () => settle(false),
    );

  return {
    done,
    abandon: async () => {
      if (handlerFinished) return done;
      abandoned = true;
      clearInterval(heartbeat);
      await extending;
      await store.release(lease).catch(onError);
    },
  };
}

// Longer timers overflow and fire at once; treat such timeouts (and Infinity) as "wait for the handlers".
const LONGEST_TIMER_MS = 2 ** 31 - 1;

async function finishOrRelease(running: Set<InFlight>, stopTimeoutMs: number): Promise<void> {
  const allDone = Promise.all([...running].map((inFlight) => inFlight.done));
  if (stopTimeoutMs > LONGEST_TIMER_MS) {
    await allDone;
    return;
  }
  const timeout = new AbortController();
  await Promise.race([allDone, delay(stopTimeoutMs, timeout.signal)]);
  timeout.abort();
  await Promise.all([...running].map((inFlight) => inFlight.abandon()));
}
