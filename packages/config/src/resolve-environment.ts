import { ConfigError } from './load-config.ts';
import { parseReference, resolveReference, type ReferenceSource } from './references.ts';

/**
 * Replaces every `ssm:` / `secretsmanager:` value of the environment by what it names,
 * once at boot; the same reference used twice is fetched once. Failures name the variable.
 */
export async function resolveEnvironment(
  env: Record<string, string | undefined>,
  /** Called only when a reference is present, so its SDK clients load only then. */
  source: () => ReferenceSource | Promise<ReferenceSource>,
): Promise<Record<string, string | undefined>> {
  const referenced = Object.entries(env).flatMap(([variable, value]) => {
    const reference = value ? parseReference(value) : undefined;
    return reference ? [{ variable, value: value as string, reference }] : [];
  });
  if (referenced.length === 0) return env;

  const lookups = await source();
  const cache = new Map<string, Promise<string>>();
  const problems: string[] = [];
  const resolved = { ...env };
  await Promise.all(
    referenced.map(async ({ variable, value, reference }) => {
      const cacheKey = `${variable === 'DATABASE_URL' ? 'db|' : ''}${value}`;
      if (!cache.has(cacheKey)) cache.set(cacheKey, resolveReference(reference, variable, lookups));
      try {
        resolved[variable] = await cache.get(cacheKey);
      } catch (error) {
        problems.push(`${variable}: ${(error as Error).message}`);
      }
    }),
  );
  if (problems.length > 0) throw new ConfigError(problems.sort());
  return resolved;
}
