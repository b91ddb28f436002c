import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { messages } from '../http/messages.ts';
import { sendProblem } from '../http/problem.ts';

/** A dependency the API needs to serve requests; `check` rejects when it cannot be reached. */
export interface DependencyCheck {
  name: string;
  check(): Promise<void>;
}

const READINESS_TIMEOUT_MS = 2_000;

export const healthRoutes: FastifyPluginAsyncZod<{ dependencies: DependencyCheck[] }> = async (
  app,
  { dependencies },
) => {
  app.get(
    '/health',
    {
      logLevel: 'warn',
      schema: { tags: ['operations'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async function liveness() {
      return { status: 'ok' as const };
    },
  );

  app.get(
    '/health/ready',
    {
      logLevel: 'warn',
      schema: {
        tags: ['operations'],
        summary: 'Readiness: base de datos, almacenamiento y cola alcanzables',
        response: { 200: z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.literal('ok')) }) },
      },
    },
    async function readiness(request, reply) {
      const results = await Promise.all(
        dependencies.map(async ({ name, check }) => {
          try {
            await withTimeout(check(), READINESS_TIMEOUT_MS);
            return [name, 'ok'] as const;
          } catch (error) {
            request.log.warn({ err: error, dependency: name }, 'dependency not ready');
            return [name, 'unreachable'] as const;
          }
        }),
      );
      const failing = results.filter(([, state]) => state !== 'ok').map(([name]) => name);
      if (failing.length > 0) {
        return sendProblem(reply, {
          status: 503,
          code: 'NOT_READY',
          detail: `${messages.notReady} (${failing.join(', ')})`,
        });
      }
      return { status: 'ready' as const, checks: Object.fromEntries(results.map(([name]) => [name, 'ok' as const])) };
    },
  );
};

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
