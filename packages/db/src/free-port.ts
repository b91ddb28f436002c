import { createServer } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 at the time of asking: the embedded PostgreSQL's when none is set, and
 * tests' (through @anb/testing/free-port), which is why it is a subpath of its own and not in the index.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
