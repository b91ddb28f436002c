import { tmpdir } from 'node:os';
import path from 'node:path';
import { organiserUploadRules } from '@anb/core';
import { z } from 'zod';
import { trustedProxies } from './trusted-proxies.ts';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const seconds = z.coerce.number().int().positive();

/** Every setting of the platform, read from the environment; defaults give the embedded stack. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * The proxies whose X-Forwarded-For entries are believed: a hop count (1 behind one load balancer),
   * a comma-separated list of their addresses or CIDRs, or `true` (one proxy on a private network
   * address); `false` (default) believes none.
   */
  TRUST_PROXY: trustedProxies.default(false),
  /** Origin of the absolute URLs handed to clients (local media links); http://localhost:PORT when unset. */
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  CORS_ORIGINS: z.string().default('*'),
  /** Embedded database files, local objects and temporary uploads live here. */
  DATA_DIR: z.string().min(1).default('.data'),

  /** Bring the schema up to date when a process starts; production runs migrations as a separate step instead. */
  MIGRATE_ON_BOOT: booleanFromEnv.default(true),
  /** Migration step only: the least-privilege login role it creates or updates for the API and worker. */
  DATABASE_APP_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase PostgreSQL identifier')
    .optional(),
  /** Migration step only: the password it sets on DATABASE_APP_ROLE. */
  DATABASE_APP_PASSWORD: z.string().min(16, 'must be at least 16 characters').optional(),

  /** Use this PostgreSQL server; when absent an embedded PostgreSQL is started under DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /**
   * Connections per process. While the API is busy each statement holds its connection for a turn of the event
   * loop, not for the few hundred microseconds PostgreSQL needs: 10 held 200 votes/s (four statements each) back
   * under 200 readers, 25 did not (docs/capacity/report.md, read mix).
   */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(25),

  /** HS256 signing key; generated once and kept under DATA_DIR when absent (embedded default). */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_EXPIRES_IN: seconds.default(3600),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(10),
  /** Attempts per client (signup) or per client and email (login) within RATE_LIMIT_WINDOW. */
  RATE_LIMIT_AUTH_MAX: z.coerce.number().int().positive().default(20),
  /** Login attempts per client whatever the email (credential stuffing); 5 × RATE_LIMIT_AUTH_MAX when unset. */
  RATE_LIMIT_LOGIN_PER_CLIENT: z.coerce.number().int().positive().optional(),
  RATE_LIMIT_WINDOW: seconds.default(60),
  /** Resend, forgot-password and reset requests per e-mail (or account) within RATE_LIMIT_ACCOUNT_WINDOW. */
  RATE_LIMIT_ACCOUNT_MAX: z.coerce.number().int().positive().default(5),
  RATE_LIMIT_ACCOUNT_WINDOW: seconds.default(3600),
  /** Votes per account within VOTE_RATE_WINDOW, refused ones included: a person never gets near it, a script does. */
  VOTE_RATE_PER_ACCOUNT: z.coerce.number().int().positive().default(60),
  /** Votes per client address within VOTE_RATE_WINDOW, whatever the accounts (one office or school shares it). */
  VOTE_RATE_PER_CLIENT: z.coerce.number().int().positive().default(300),
  VOTE_RATE_WINDOW: seconds.default(60),
  /**
   * Milliseconds between the vote tally's fallback rounds. A counted vote starts a round at once; the tick
   * catches votes whose round another API process skipped (it held the tally) and votes queued before a restart.
   */
  VOTE_TALLY_INTERVAL_MS: z.coerce.number().int().min(50).default(500),
  /**
   * Milliseconds anonymous readers share one answer of the rankings and the public listing (ADR 30); votes tallied
   * and organisers' actions in this process show at once regardless. 0 reads the database for every request.
   */
  PUBLIC_READ_FRESH_MS: z.coerce.number().int().min(0).max(2000).default(250),

  /** The IANA time zone the contest's dates are told in (refusals, the home page, the results file). */
  CONTEST_TIME_ZONE: z
    .string()
    .refine(isTimeZone, { message: 'an IANA time zone such as America/Bogota' })
    .default('America/Bogota'),

  /** Votes need a confirmed, non-disposable e-mail; `false` is the organiser's original flow (docs/accounts.md). */
  VOTE_REQUIRES_VERIFIED_EMAIL: booleanFromEnv.default(true),
  /** `file` (.eml under DATA_DIR/mail), `smtp` (SMTP_URL) or `ses`; smtp when SMTP_URL is set, file otherwise. */
  MAIL_TRANSPORT: z.enum(['file', 'smtp', 'ses']).optional(),
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('ANB Rising Stars <no-reply@localhost>'),
  /** SES configuration set that records delivery events; optional. */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** Sends tried per message before the outbox marks it failed. */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),

  /** Uploads one player may start within UPLOAD_RATE_WINDOW. */
  UPLOAD_RATE_MAX: z.coerce.number().int().positive().default(30),
  UPLOAD_RATE_WINDOW: seconds.default(3600),
  /** An upload that sends no byte for this long is aborted and its partial file removed. */
  UPLOAD_IDLE_TIMEOUT: seconds.default(60),
  /** A resumable (tus) upload not finished this long after its creation expires and is swept. */
  UPLOAD_RESUMABLE_EXPIRY: seconds.default(24 * 60 * 60),
  /** Resumable uploads one player may have unfinished at once; finishing, cancelling or expiry frees a place. */
  UPLOAD_RESUMABLE_MAX_UNFINISHED: z.coerce.number().int().positive().default(3),

  // The contest rules (core's UploadRules); the defaults are the organiser's.
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(organiserUploadRules.maxBytes),
  VIDEO_MIN_SECONDS: z.coerce.number().positive().default(organiserUploadRules.minSeconds),
  VIDEO_MAX_SECONDS: z.coerce.number().positive().default(organiserUploadRules.maxSeconds),
  VIDEO_MIN_SHORT_SIDE: z.coerce.number().int().positive().default(organiserUploadRules.minShortSide),

  STORAGE: z.enum(['local', 's3']).default('local'),
  S3_BUCKET: z.string().min(1).optional(),
  /** Only for S3-compatible emulators; real AWS needs no endpoint. */
  S3_ENDPOINT: z.url().optional(),
  /** Where browsers reach an emulated store when it differs from S3_ENDPOINT; playable URLs are signed for it. */
  S3_PUBLIC_ENDPOINT: z.url().optional(),
  S3_FORCE_PATH_STYLE: booleanFromEnv.default(false),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Lifetime of the playable URLs handed to clients. */
  SIGNED_URL_TTL: seconds.default(3600),
  /**
   * Production: the CloudFront distribution serving published clips and posters (`https://….cloudfront.net`).
   * Set, the API hands out its lasting URLs instead of signed ones, and hiding a video withdraws them.
   */
  MEDIA_CDN_URL: z
    .url({ protocol: /^https$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** The distribution's id, for invalidating a hidden video's cached files. */
  MEDIA_CDN_DISTRIBUTION_ID: z
    .string()
    .regex(/^[A-Z0-9]{8,20}$/, 'a CloudFront distribution id')
    .optional(),
  /** HMAC key of local-disk media URLs; generated once and kept under DATA_DIR when absent. */
  MEDIA_URL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),

  QUEUE: z.enum(['postgres', 'sqs']).default('postgres'),
  SQS_QUEUE_URL: z.url().optional(),
  /** The queue's dead-letter queue; only read for the dead-letter count of queue depth metrics. */
  SQS_DLQ_URL: z.url().optional(),
  SQS_ENDPOINT: z.url().optional(),
  /** Receives before a message is dead-lettered (SQS: the queue's redrive policy must match). */
  QUEUE_MAX_RECEIVES: z.coerce.number().int().min(1).max(1000).default(5),
  QUEUE_VISIBILITY_TIMEOUT: seconds.default(120),

  /** Videos one worker process renders at once; unset, one per CPU given (apps/worker/src/worker-concurrency.ts). */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).optional(),
  /** On SIGTERM, how long a running job may finish before its message is released to another worker. */
  WORKER_STOP_TIMEOUT: seconds.default(100),
  /** `npm start` runs a worker beside the API unless this is false. */
  WORKER_ENABLED: booleanFromEnv.default(true),
  FFMPEG_PRESET: z
    .enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow'])
    .default('superfast'),
  FFMPEG_CRF: z.coerce.number().int().min(0).max(51).default(23),
  /** Touched while the worker is healthy; its health check reads the age. Must be writable by the process. */
  WORKER_HEARTBEAT_FILE: z
    .string()
    .min(1)
    .default(() => path.join(tmpdir(), 'anb-worker.heartbeat')),
  /** The health check fails when the heartbeat is older; also the longest the poll loop may go without reporting. */
  WORKER_HEARTBEAT_MAX_AGE: seconds.default(60),
  /** A job running longer than this is stuck: the worker stops reporting healthy. Also its scale-in protection window. */
  WORKER_MAX_JOB_SECONDS: seconds.default(600),
  /** Set by ECS in every task: the agent endpoint the worker asks for scale-in protection while a job runs. */
  ECS_AGENT_URI: z.url().optional(),
  /** CloudWatch namespace of the job metrics the worker logs in embedded metric format; unset: no metric lines. */
  METRICS_NAMESPACE: z.string().min(1).optional(),
  /** ffmpeg and ffprobe binaries; found on PATH when unset. */
  FFMPEG_PATH: z.string().min(1).optional(),
  FFPROBE_PATH: z.string().min(1).optional(),
});

/** The settings after loadConfig filled the defaults that depend on other settings. */
export type Config = Omit<
  z.infer<typeof configSchema>,
  'PUBLIC_BASE_URL' | 'RATE_LIMIT_LOGIN_PER_CLIENT' | 'MAIL_TRANSPORT'
> & {
  PUBLIC_BASE_URL: string;
  MAIL_TRANSPORT: 'file' | 'smtp' | 'ses';
  RATE_LIMIT_LOGIN_PER_CLIENT: number;
};

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
