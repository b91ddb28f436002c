import { configSchema } from '@anb/config';
import { heartbeatAgeSeconds } from './heartbeat-file.ts';

/**
 * The worker container's health check (ECS and Docker): exit 0 when the heartbeat file is fresh.
 * It reads two plain variables and no references, so it costs no AWS call and works on a read-only image.
 */
const settings = configSchema
  .pick({ WORKER_HEARTBEAT_FILE: true, WORKER_HEARTBEAT_MAX_AGE: true })
  .parse(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== '')));
const age = await heartbeatAgeSeconds(settings.WORKER_HEARTBEAT_FILE, Date.now());
if (age === undefined) {
  console.error(`unhealthy: no heartbeat at ${settings.WORKER_HEARTBEAT_FILE}`);
  process.exit(1);
}
if (age > settings.WORKER_HEARTBEAT_MAX_AGE) {
  console.error(`unhealthy: last heartbeat ${Math.round(age)} s ago (limit ${settings.WORKER_HEARTBEAT_MAX_AGE} s)`);
  process.exit(1);
}
console.log(`healthy: last heartbeat ${Math.round(age)} s ago`);
