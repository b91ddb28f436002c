import type { z } from 'zod';
import { configSchema, type Config } from './schema.ts';

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment; unknown variables are ignored, empty ones count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map(describeIssue));
  }
  const config: Config = {
    ...parsed.data,
    PUBLIC_BASE_URL: parsed.data.PUBLIC_BASE_URL ?? `http://localhost:${parsed.data.PORT}`,
    RATE_LIMIT_LOGIN_PER_CLIENT: parsed.data.RATE_LIMIT_LOGIN_PER_CLIENT ?? 5 * parsed.data.RATE_LIMIT_AUTH_MAX,
    MAIL_TRANSPORT: parsed.data.MAIL_TRANSPORT ?? (parsed.data.SMTP_URL ? 'smtp' : 'file'),
  };
  const missing = requiredTogether(config);
  if (missing.length > 0) throw new ConfigError(missing);
  return config;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const variable = issue.path.join('.') || '(environment)';
  return `${variable}: ${issue.message}`;
}

function requiredTogether(config: Config): string[] {
  const problems: string[] = [];
  if (config.STORAGE === 's3' && !config.S3_BUCKET) problems.push('S3_BUCKET: required when STORAGE=s3');
  if (config.QUEUE === 'sqs' && !config.SQS_QUEUE_URL) problems.push('SQS_QUEUE_URL: required when QUEUE=sqs');
  if (config.MEDIA_CDN_URL && !config.MEDIA_CDN_DISTRIBUTION_ID)
    problems.push('MEDIA_CDN_DISTRIBUTION_ID: required when MEDIA_CDN_URL is set');
  if (config.MEDIA_CDN_URL && config.STORAGE !== 's3') problems.push('MEDIA_CDN_URL: the CDN serves S3 (STORAGE=s3)');
  if (config.MAIL_TRANSPORT === 'smtp' && !config.SMTP_URL)
    problems.push('SMTP_URL: required when MAIL_TRANSPORT=smtp');
  if (config.VIDEO_MIN_SECONDS >= config.VIDEO_MAX_SECONDS) {
    problems.push('VIDEO_MIN_SECONDS: must be lower than VIDEO_MAX_SECONDS');
  }
  return problems;
}
