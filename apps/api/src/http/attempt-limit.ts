import { isIPv6 } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, type Problem } from './problem.ts';

export interface AttemptLimit {
  max: number;
  windowSeconds: number;
  /** What is counted: the client, the client and an email, the player. */
  key(request: FastifyRequest): string;
  problem(retryAfterSeconds: number): Problem;
}

/**
 * A preHandler counting attempts per key, refusing with 429 and Retry-After over the limit.
 * Unlike a route's `config.rateLimit`, several may guard one route, and they run once the body is parsed.
 */
export function attemptLimiter(app: FastifyInstance, limit: AttemptLimit) {
  const count = app.createRateLimit({
    max: limit.max,
    timeWindow: limit.windowSeconds * 1000,
    keyGenerator: limit.key,
  });
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const attempt = await count(request);
    if (attempt.isAllowed || !attempt.isExceeded) return;
    reply.header('retry-after', attempt.ttlInSeconds);
    throw new HttpProblem(limit.problem(attempt.ttlInSeconds));
  };
}

/**
 * The client as the trusted proxies report it (`request.ip` follows TRUST_PROXY). An IPv6 client
 * owns a whole /64, so it counts as one.
 */
export function clientKey(request: FastifyRequest): string {
  const ip = request.ip;
  if (!isIPv6(ip) || ip.startsWith('::ffff:')) return ip;
  return `${expandIpv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(ip: string): string[] {
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right];
}
