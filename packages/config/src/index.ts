export { configSchema, type Config } from './schema.ts';
export { loadConfig, ConfigError } from './load-config.ts';
