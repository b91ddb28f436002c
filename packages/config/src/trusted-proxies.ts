import { isIP } from 'node:net';
import { z } from 'zod';

/** Names proxy-addr (Fastify's trust function) understands for the private ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Whose X-Forwarded-For is believed: nobody, a hop count, the proxies' addresses, or (`true`) one
 * proxy on a private network address — a load balancer in a VPC or nginx in a container network.
 */
export type TrustedProxies = false | number | string[] | 'one-private-proxy';

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
 * TRUST_PROXY. `true` does not trust every hop (that let a client name its own address in
 * X-Forwarded-For and dodge the rate limits): it believes the one proxy in front, and only when
 * that proxy connects from a private network address.
 */
export const trustedProxies = z.string().transform((value, context): TrustedProxies => {
  const text = value.trim().toLowerCase();
  if (['false', 'no', '0'].includes(text)) return false;
  if (['true', 'yes'].includes(text)) return 'one-private-proxy';
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
