import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ContestService } from '@anb/core';
import { attemptLimiter } from '../http/attempt-limit.ts';
import { messages } from '../http/messages.ts';

/**
 * Admits an upload's start, a multipart upload or a tus creation alike: refused once the contest's uploads
 * have closed (403 UPLOADS_CLOSED, before any byte of the file is read), then counted against the player's
 * budget per window. An upload started before the deadline may finish after it.
 */
export function uploadStartGate(
  app: FastifyInstance,
  options: { limit: { max: number; windowSeconds: number }; contest: Pick<ContestService, 'assertUploadsOpen'> },
): preHandlerAsyncHookHandler {
  const { limit, contest } = options;
  const countStart = attemptLimiter(app, {
    max: limit.max,
    windowSeconds: limit.windowSeconds,
    key: (request) => `upload|${request.playerId}`,
    problem: (seconds) => ({
      status: 429,
      code: 'UPLOAD_LIMIT',
      detail: messages.uploadLimit(limit.max, limit.windowSeconds, seconds),
    }),
  });
  return async function admitUploadStart(request, reply) {
    await contest.assertUploadsOpen();
    return countStart.call(this, request, reply);
  };
}
