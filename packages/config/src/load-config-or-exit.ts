import type { AwsReferenceSource } from './aws-reference-source.ts';
import { ConfigError, loadConfig } from './load-config.ts';
import { resolveEnvironment } from './resolve-environment.ts';
import type { Config } from './schema.ts';

/**
 * Boot-time configuration: resolves `ssm:` and `secretsmanager:` references, validates every
 * setting, and stops the process with a message naming the variable when one is wrong.
 */
export async function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Promise<Config> {
  let aws: AwsReferenceSource | undefined;
  try {
    const resolved = await resolveEnvironment(env, async () => {
      const { AwsReferenceSource } = await import('./aws-reference-source.ts');
      aws = AwsReferenceSource.forRegion(env.AWS_REGION || 'us-east-1');
      return aws;
    });
    return loadConfig(resolved);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return process.exit(2);
  } finally {
    aws?.destroy();
  }
}
