/**
 * The multipart listing proxy as a service, for the container stack (docker/compose.yaml): listens on
 * PORT (default 4566) on every interface and forwards to the S3 emulator at TARGET.
 *   TARGET=http://object-store-emulator:4566 node serve.ts
 */
import { startMultipartListingProxy } from './proxy.ts';

const target = process.env.TARGET;
if (!target) {
  console.error('TARGET: required, the S3 emulator to forward to (e.g. http://object-store-emulator:4566)');
  process.exit(1);
}
const proxy = await startMultipartListingProxy(target, { host: '0.0.0.0', port: Number(process.env.PORT ?? 4566) });
console.log(`S3 multipart listing proxy on ${proxy.endpoint}, forwarding to ${target}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => void proxy.close().then(() => process.exit(0)));
