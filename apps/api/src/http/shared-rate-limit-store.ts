import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { AttemptCounter } from '@anb/core';

/**
 * @fastify/rate-limit's store over the shared AttemptCounter, so every limiter of every API process counts in
 * one place. A counter that cannot be reached fails the request (the error handler answers 503 during a
 * database outage) rather than letting attempts through uncounted.
 */
export function sharedRateLimitStore(counter: AttemptCounter): FastifyRateLimitStoreCtor {
  class SharedRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: Parameters<FastifyRateLimitStore['incr']>[1], timeWindow: number): void {
      counter.count(key, timeWindow).then(
        ({ attempts, windowEndsInMs }) => callback(null, { current: attempts, ttl: windowEndsInMs }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    // The window comes with each count and keys are already per limiter: one store serves every route.
    child(): FastifyRateLimitStore {
      return this;
    }
  }
  return SharedRateLimitStore;
}
