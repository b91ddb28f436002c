import { isIP } from 'node:net';
import { z } from 'zod';

/** Names proxy-addr (Fastify's trust function) understands for the private ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** What Fastify's `trustProxy` receives: nothing trusted, a hop count, or the proxies' addresses. */
export type TrustedProxies = false | number | string[];

function isAddressOrCidr(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY. `true` is refused: trusting every hop lets a client name its own address in
 * X-Forwarded-For and dodge the rate limits; the setting must say which proxies are ours.
 */
export const trustedProxies = z.string().transform((value, context): TrustedProxies => {
  const text = value.trim().toLowerCase();
  if (['false', 'no', '0'].includes(text)) return false;
  if (['true', 'yes'].includes(text)) {
    context.addIssue({
      code: 'custom',
      message:
        'true would believe any X-Forwarded-For a client sends; give the proxies in front: a hop count (1 behind one load balancer) or their CIDRs (the VPC CIDR behind an ALB)',
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops <= 10) return hops;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrCidr(entry));
  if (bad.length === 0) return entries;
  context.addIssue({
    code: 'custom',
    message: `expected false, a hop count (0–10) or addresses/CIDRs separated by commas; not "${bad.join(', ')}"`,
  });
  return z.NEVER;
});
