export { configSchema, type Config } from './schema.ts';
export { loadConfig, ConfigError } from './load-config.ts';
export { loadConfigOrExit } from './load-config-or-exit.ts';
