export { buildApp, type AppDependencies, type AppSettings } from './app.ts';
export { createApi } from './create-api.ts';
export { loggerOptions } from './logger.ts';
export { builtWebApp } from './built-web-app.ts';
