import { ConfigError, loadConfig } from './load-config.ts';
import type { Config } from './schema.ts';

/** A bad setting stops the process at boot with a message naming the variable. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
