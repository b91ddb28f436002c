import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { messages } from '../http/messages.ts';
import { sendProblem } from '../http/problem.ts';

/** By then the load balancer sends the retry to another task. */
const RETRY_AFTER_SECONDS = 1;

/**
 * A request that reaches the API while it closes (SIGTERM of a deploy or a scale-in, on a keep-alive connection still
 * open) gets the contract's 503 problem+json, and the connection is closed so the client's retry opens a new one to
 * another task. Fastify's own answer (`return503OnClosing`, turned off in app.ts) is a fixed application/json body.
 */
export const answerWhileClosing = fp(
  async function answerWhileClosing(app: FastifyInstance) {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', async (_request, reply) => {
      if (!closing) return;
      reply.header('connection', 'close').header('retry-after', RETRY_AFTER_SECONDS);
      return sendProblem(reply, { status: 503, code: 'SERVICE_UNAVAILABLE', detail: messages.unavailable });
    });
  },
  { name: 'answer-while-closing' },
);
