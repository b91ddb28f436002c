import { configSchema } from '@anb/config';

/** Read by node-postgres itself, not by our config schema (TLS towards RDS). */
const DRIVER_VARIABLES = ['PGSSLMODE'];
/** Read by Node.js itself. */
const RUNTIME_VARIABLES = ['NODE_ENV', 'NODE_EXTRA_CA_CERTS'];

/** Every environment variable a container may be given: the app's schema plus what its libraries read. */
export const knownVariables: ReadonlySet<string> = new Set([
  ...Object.keys(configSchema.shape),
  ...DRIVER_VARIABLES,
  ...RUNTIME_VARIABLES,
]);

export function unknownVariables(names: Iterable<string>): string[] {
  return [...names].filter((name) => !knownVariables.has(name));
}
