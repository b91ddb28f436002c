import { BlockList, isIPv4 } from 'node:net';

/** RFC 1918 and IPv6 unique local ranges: where a VPC's load balancer or a container network's proxy lives. */
const privateNetworks = new BlockList();
privateNetworks.addSubnet('10.0.0.0', 8, 'ipv4');
privateNetworks.addSubnet('172.16.0.0', 12, 'ipv4');
privateNetworks.addSubnet('192.168.0.0', 16, 'ipv4');
privateNetworks.addSubnet('fc00::', 7, 'ipv6');

/** Loopback is not private here: a client on the same machine is not a proxy. */
export function isPrivateNetworkAddress(address: string): boolean {
  const plain = address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
  return privateNetworks.check(plain, isIPv4(plain) ? 'ipv4' : 'ipv6');
}
