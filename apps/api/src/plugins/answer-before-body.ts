import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { bodyStillArriving, lingerThenClose, type LingerLimits } from '../http/lingering-close.ts';

export interface AnswerBeforeBodyOptions {
  limits: LingerLimits;
}

/**
 * Every answer sent while the request body is still arriving (401, 413, 415, 429, a file over the limit) reaches
 * the client that is still sending it: the connection lingers until the body ends (lingering-close.ts).
 * Hijacked replies (the tus endpoints) do the same themselves.
 */
export const answerBeforeBody = fp(
  async function answerBeforeBody(app: FastifyInstance, options: AnswerBeforeBodyOptions) {
    app.addHook('onSend', async (request, reply, payload) => {
      if (bodyStillArriving(request.raw)) {
        reply.header('connection', 'close');
        lingerThenClose(request.raw, options.limits);
      }
      return payload;
    });
  },
  { name: 'answer-before-body' },
);
