import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The headers helmet sets for `options`, worked out once. The policy is the same for every answer, and helmet
 * builds it again on each call (parsing the CSP directives): at thousands of reads a second that cost more than
 * serving a shared answer.
 */
export function securityHeadersFor(options: HelmetOptions): [name: string, value: string][] {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  // Helmet sets its headers synchronously; one that waited for something would not be a fixed policy.
  if (!finished) throw new Error('helmet did not finish synchronously');
  return [...headers];
}

/**
 * Helmet's headers on every answer, set on the raw response as helmet does, so a route can still remove one
 * (the embeddable page drops X-Frame-Options).
 */
export const securityHeaders = fp(
  async function securityHeaders(app: FastifyInstance, options: HelmetOptions) {
    const headers = securityHeadersFor(options);
    app.addHook('onRequest', (_request, reply, done) => {
      for (const [name, value] of headers) reply.raw.setHeader(name, value);
      done();
    });
  },
  { name: 'security-headers' },
);
