import { setTimeout as sleep } from 'node:timers/promises';
import { createClients, OpsError } from './context.ts';
import { parseArguments, runCommand } from './cli.ts';

/** `npm run ops -- <verb>`: see cli.ts for the verbs. */
const argv = process.argv.slice(2);
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
try {
  const region = parseArguments(argv).values.region ?? process.env.AWS_REGION;
  const context = {
    clients: createClients(region),
    out: (line: string) => console.log(line),
    sleep: (ms: number) => sleep(ms, undefined, { signal: stop.signal }).catch(() => {}),
    now: () => Date.now(),
  };
  await runCommand(context, argv, stop.signal);
} catch (error) {
  if (!(error instanceof OpsError)) throw error;
  console.error(`ops: ${error.message}`);
  process.exitCode = 1;
}
