export { configSchema, type Config } from './schema.ts';
export type { TrustedProxies } from './trusted-proxies.ts';
export { loadConfig, ConfigError } from './load-config.ts';
export { uploadRulesOf } from './upload-rules.ts';
export { loadConfigOrExit } from './load-config-or-exit.ts';
export { resolveEnvironment } from './resolve-environment.ts';
export {
  parseReference,
  databaseUrlFromSecret,
  ConfigReferenceError,
  type Reference,
  type ReferenceSource,
} from './references.ts';
