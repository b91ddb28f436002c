import closeWithGrace from 'close-with-grace';
import { loadConfigOrExit } from '@anb/config';
import { accountBuffersInHeapLimit, openRuntime } from '@anb/runtime';
import { pino } from 'pino';
import { startWorker } from './start-worker.ts';

/** Entry point of the worker service: long-polls the queue until SIGTERM, then stops gracefully. */
accountBuffersInHeapLimit();
const config = await loadConfigOrExit();
const log = pino({ level: config.LOG_LEVEL, base: { service: 'worker' } });
const runtime = await openRuntime(config, (message) => log.info(message));
const worker = startWorker(config, runtime, log);

closeWithGrace({ delay: (config.WORKER_STOP_TIMEOUT + 10) * 1000 }, async ({ signal, err }) => {
  if (err) log.error({ err }, 'stopping after an error');
  else log.info({ signal }, 'stopping: finishing or releasing running jobs');
  await worker.stop();
  await runtime.close();
});
