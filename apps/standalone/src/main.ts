import closeWithGrace from 'close-with-grace';
import { createApi, loadConfigOrExit, loggerOptions } from '@anb/api';
import { openRuntime } from '@anb/runtime';

/**
 * `npm start`: the whole platform in one process with no external service — embedded
 * PostgreSQL, local-disk objects and the PostgreSQL queue, unless the environment says otherwise.
 */
const config = loadConfigOrExit();
const runtime = await openRuntime(config, (message) => console.log(message));
const api = await createApi(config, runtime, loggerOptions(config));

closeWithGrace({ delay: 30_000 }, async ({ signal, err }) => {
  if (err) api.log.error({ err }, 'shutting down after an error');
  else api.log.info({ signal }, 'shutting down');
  await api.close();
  await runtime.close();
});

await api.listen({ port: config.PORT, host: config.HOST });
