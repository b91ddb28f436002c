import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { attemptLimiter } from '../http/attempt-limit.ts';
import { messages } from '../http/messages.ts';

/** Uploads one player may start per window: a multipart upload or a tus creation, counted together. */
export function uploadStartLimiter(
  app: FastifyInstance,
  limit: { max: number; windowSeconds: number },
): preHandlerAsyncHookHandler {
  return attemptLimiter(app, {
    max: limit.max,
    windowSeconds: limit.windowSeconds,
    key: (request) => `upload|${request.playerId}`,
    problem: (seconds) => ({
      status: 429,
      code: 'UPLOAD_LIMIT',
      detail: messages.uploadLimit(limit.max, limit.windowSeconds, seconds),
    }),
  });
}
