import closeWithGrace from 'close-with-grace';
import { accountBuffersInHeapLimit, openRuntime } from '@anb/runtime';
import { builtWebApp } from './built-web-app.ts';
import { createApi } from './create-api.ts';
import { loadConfigOrExit } from '@anb/config';
import { loggerOptions } from './logger.ts';

/** Entry point of the API service alone (in production the worker runs as another service). */
accountBuffersInHeapLimit();
const config = await loadConfigOrExit();
const runtime = await openRuntime(config, (message) => console.log(message));
const app = await createApi(config, runtime, loggerOptions(config), builtWebApp());
closeWithGrace({ delay: 20_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
  await runtime.close();
});
await app.listen({ port: config.PORT, host: config.HOST });
