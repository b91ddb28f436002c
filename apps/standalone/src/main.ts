import path from 'node:path';
import closeWithGrace from 'close-with-grace';
import { builtWebApp, createApi, loggerOptions } from '@anb/api';
import { loadConfigOrExit } from '@anb/config';
import { accountBuffersInHeapLimit, EmbeddedPostgresError, openRuntime } from '@anb/runtime';
import { startWorker } from '@anb/worker';

/**
 * `npm start`: the whole platform in one process with no external service — embedded
 * PostgreSQL, local-disk objects and the PostgreSQL queue, unless the environment says
 * otherwise — the API and a processing worker sharing one runtime.
 */
accountBuffersInHeapLimit();
const loaded = await loadConfigOrExit();
const config = {
  ...loaded,
  // The default, in the system's temporary folder, is the container's; here, two checkouts or two users
  // on one machine would share it, and the one who did not create it could not write it.
  WORKER_HEARTBEAT_FILE: process.env.WORKER_HEARTBEAT_FILE || path.join(loaded.DATA_DIR, 'worker.heartbeat'),
};
const runtime = await openRuntime(config, (message) => console.log(message)).catch((error: unknown) => {
  // Its message says what is wrong and what to do; a stack trace would bury it.
  if (!(error instanceof EmbeddedPostgresError)) throw error;
  console.error(error.message);
  return process.exit(1);
});
const api = await createApi(config, runtime, loggerOptions(config), builtWebApp());
const worker = config.WORKER_ENABLED ? startWorker(config, runtime, api.log.child({ service: 'worker' })) : undefined;

closeWithGrace({ delay: (config.WORKER_STOP_TIMEOUT + 10) * 1000 }, async ({ signal, err }) => {
  if (err) api.log.error({ err }, 'shutting down after an error');
  else api.log.info({ signal }, 'shutting down');
  await Promise.all([api.close(), worker?.stop()]);
  await runtime.close();
});

await api.listen({ port: config.PORT, host: config.HOST });
