import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { attemptLimiter, clientKey } from './attempt-limit.ts';
import { messages } from './messages.ts';

export interface VoteRateLimit {
  perAccount: number;
  perClient: number;
  windowSeconds: number;
}

/**
 * Votes counted per client address and per account, every attempt (a duplicate, one's own video or a missing
 * video too): a script trying videos one after another is slowed down whatever it gets back.
 */
export function voteLimiters(
  app: FastifyInstance,
  limit: VoteRateLimit,
): { perClient: preHandlerAsyncHookHandler; perAccount: preHandlerAsyncHookHandler } {
  const refusal = (max: number) => (retryAfterSeconds: number) => ({
    status: 429,
    code: 'VOTE_LIMIT',
    detail: messages.voteLimit(max, limit.windowSeconds, retryAfterSeconds),
  });
  return {
    perClient: attemptLimiter(app, {
      max: limit.perClient,
      windowSeconds: limit.windowSeconds,
      key: (request) => `vote|${clientKey(request)}`,
      problem: refusal(limit.perClient),
    }),
    perAccount: attemptLimiter(app, {
      max: limit.perAccount,
      windowSeconds: limit.windowSeconds,
      key: (request) => `vote|${request.playerId}`,
      problem: refusal(limit.perAccount),
    }),
  };
}
