import { isIPv4, isIPv6 } from 'node:net';

/**
 * The client's address as an IP literal PostgreSQL's `inet` reads, with an IPv4 client on a dual-stack socket
 * (`::ffff:203.0.113.7`) told as IPv4, so its network is its /24; undefined when it is not an address at all.
 */
export function clientAddress(ip: string): string | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const address = mapped ?? ip;
  return isIPv4(address) || isIPv6(address) ? address : undefined;
}
