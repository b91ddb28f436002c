import type { FastifyServerOptions } from 'fastify';
import type { Config } from '@anb/config';

/** JSON logs for the platform's log collector; credentials never reach them. */
export const loggerOptions = (config: Config): FastifyServerOptions['logger'] => ({
  level: config.LOG_LEVEL,
  redact: ['req.headers.authorization', 'req.headers.cookie'],
});
