import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';

const positiveInt = z.number().int().positive();
/** cdk.json keeps an empty slot ("") for values an operator fills in; empty means unset. */
const optionalText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
/** CloudWatch Logs accepts only these retention periods. */
const retentionDays = z
  .number()
  .refine((days) => Object.values(RetentionDays).includes(days), 'not a CloudWatch Logs retention period');
/** Fargate task sizes are fixed pairs; the CPU units decide which memory values are valid. */
const fargateCpu = z.union([z.literal(256), z.literal(512), z.literal(1024), z.literal(2048), z.literal(4096)]);
const hostName = z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/);
/** Settings injected into the containers from Parameter Store; names are the app's environment variables. */
const parameterValues = z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string().min(1));

/** CloudFront takes its web ACL (scope CLOUDFRONT) and its viewer certificate from this region only. */
export const CLOUDFRONT_REGION = 'us-east-1';

/** AWS WAF counts a client address's requests over a 5-minute window and accepts limits from 10 up. */
const requestsPerFiveMinutes = z.number().int().min(10).max(2_000_000_000);

const serviceSize = z.object({
  cpu: fargateCpu,
  memoryMiB: positiveInt,
  minTasks: positiveInt,
  maxTasks: positiveInt,
});

/** Variables the stack derives from resources or from the sizes above; a parameter must not shadow them. */
export const DERIVED_VARIABLES: readonly string[] = [
  'PORT',
  'HOST',
  'TRUST_PROXY',
  'DATABASE_URL',
  'DATABASE_POOL_MAX',
  'JWT_SECRET',
  'STORAGE',
  'S3_BUCKET',
  'AWS_REGION',
  'QUEUE',
  'SQS_QUEUE_URL',
  'SQS_DLQ_URL',
  'QUEUE_MAX_RECEIVES',
  'QUEUE_VISIBILITY_TIMEOUT',
  'WORKER_CONCURRENCY',
  'WORKER_STOP_TIMEOUT',
  'PGSSLMODE',
  'MIGRATE_ON_BOOT',
  'METRICS_NAMESPACE',
  'WORKER_MAX_JOB_SECONDS',
  'DATABASE_APP_ROLE',
  'DATABASE_APP_PASSWORD',
  'PUBLIC_BASE_URL',
  'MAIL_TRANSPORT',
  'MAIL_FROM',
  'SES_CONFIGURATION_SET',
  'VOTE_REQUIRES_VERIFIED_EMAIL',
  'MEDIA_CDN_URL',
  'MEDIA_CDN_DISTRIBUTION_ID',
];

/** One deployment environment (dev, prod, ...): every number that differs between them lives here. */
export const environmentSettingsSchema = z
  .object({
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
    /** Two zones; defaults to the region's "a" and "b" zones so synthesis needs no account lookup. */
    availabilityZones: z.array(z.string().min(1)).length(2).optional(),
    vpcCidr: z.string().regex(/^\d+\.\d+\.\d+\.\d+\/16$/),
    natGateways: z.number().int().min(1).max(2),
    /** Keep data (RDS snapshot, bucket, secrets, log groups) when the stack is deleted, and protect the database. */
    retainData: z.boolean(),
    logRetentionDays: retentionDays,
    /**
     * A production environment must serve HTTPS, have someone to notify and send mail: synthesis refuses it
     * without `certificateArn`, at least one `notificationEmails` entry, and a mail domain.
     */
    production: z.boolean().default(false),
    /** ACM certificate of the public host name, in the stack's region: HTTPS on 443, port 80 redirects to it. */
    certificateArn: optionalText(z.string().regex(/^arn:aws[\w-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/)),
    /** Public host name the certificate covers (a DNS record points it at the load balancer); the API's origin. */
    domainName: optionalText(hostName),
    /**
     * Domain the API sends account mail from (no-reply@…) through SES, once its DKIM records are in DNS;
     * defaults to `domainName`. Required in production; elsewhere, without one, mail only reaches the API's log.
     */
    mailDomain: optionalText(hostName),
    /**
     * `true` (default): viewers reach the web app and the API only through CloudFront. The load balancer then
     * accepts only CloudFront's origin-facing addresses carrying the origin header, the web firewall sits on the
     * distribution (scope CLOUDFRONT, so the stack must be in us-east-1), and the API trusts two proxies (ALB,
     * CloudFront edge). `false`: the load balancer is the public entry point and CloudFront serves media only.
     */
    appThroughCdn: z.boolean().default(true),
    /**
     * With `appThroughCdn` and a certificate: the host name CloudFront reaches the load balancer by (its DNS names
     * the ALB; the certificate covers it), as `domainName` then names the distribution. Required when both
     * `domainName` and `certificateArn` are set.
     */
    originDomainName: optionalText(hostName),
    /** `false` restores the organiser's voting flow: any account votes, verified or not (docs/accounts.md). */
    voteRequiresVerifiedEmail: z.boolean().default(true),
    notificationEmails: z.array(z.email()).default([]),
    api: serviceSize.extend({
      cpuTargetPercent: z.number().int().min(10).max(90),
      /** ALBRequestCountPerTarget is a per-minute sum. */
      requestsPerTargetPerMinute: positiveInt,
      /** Seconds ECS waits after SIGTERM so in-flight uploads can finish. */
      stopTimeoutSeconds: z.number().int().min(2).max(120),
      databasePoolMax: positiveInt,
    }),
    worker: serviceSize
      .extend({
        /** Videos one task renders at once; absent, one per vCPU of the task, as the worker does on any machine. */
        concurrency: positiveInt.optional(),
        /** Target of the backlog-per-task scaling policy: visible messages one task may have waiting. */
        backlogPerTask: positiveInt,
        /** Worst-case seconds one job takes on this task size; the queue's visibility timeout must exceed it. */
        maxJobSeconds: positiveInt,
        /** Fargate allows at most 120 s between SIGTERM and SIGKILL. */
        stopTimeoutSeconds: z.number().int().min(10).max(120),
        useSpot: z.boolean(),
        databasePoolMax: positiveInt,
      })
      // Stated in the task rather than left to what the container sees: Node's availableParallelism()
      // misses some CPU limits (a quota under one CPU, some cgroup v1 layouts); the task size is known.
      .transform((worker) => ({ ...worker, concurrency: worker.concurrency ?? fargateVcpus(worker.cpu) })),
    queue: z.object({
      visibilityTimeoutSeconds: z.number().int().min(30).max(43_200),
      maxReceives: z.number().int().min(1).max(1000),
    }),
    database: z.object({
      instanceType: z.string().regex(/^[a-z0-9]+\.[a-z0-9]+$/),
      allocatedStorageGiB: z.number().int().min(20),
      maxAllocatedStorageGiB: z.number().int().min(20),
      multiAz: z.boolean(),
      backupRetentionDays: z.number().int().min(1).max(35),
    }),
    alarms: z.object({
      api5xxPercent: z.number().positive().max(100),
      apiP95Seconds: z.number().positive(),
      oldestMessageSeconds: positiveInt,
      /** Average task memory (% of the task size) per service, sustained for 15 minutes. */
      memoryPercent: z.number().positive().max(100),
      /** API average CPU sustained for 15 minutes (above the scaling target: scaling did not keep up). */
      apiCpuPercent: z.number().positive().max(100),
      /** Worker CPU while no job is waiting or running: a runaway ffmpeg or a busy loop. */
      idleWorkerCpuPercent: z.number().positive().max(100),
      /** Percentage of worker jobs that threw (will be retried) over 15 minutes. */
      jobFailurePercent: z.number().positive().max(100),
      databaseCpuPercent: z.number().positive().max(100),
      databaseFreeStorageGiB: positiveInt,
      /** Open connections; keep it below the instance's max_connections. */
      databaseConnections: positiveInt,
    }),
    /** Requests one client address may send per 5 minutes before the web firewall answers 429. */
    firewall: z.object({
      /** Any request: pages, API calls, uploads. */
      perClient: requestsPerFiveMinutes,
      /** POST sign-up, forgot-password and resend-verification: each creates an account or sends mail. */
      signUp: requestsPerFiveMinutes,
      /** POST login: each costs a bcrypt comparison, and a script guessing passwords sends many. */
      login: requestsPerFiveMinutes,
      /** POST votes, on any video. */
      vote: requestsPerFiveMinutes,
      /** POST of a whole upload (multipart) or the creation of a resumable (tus) one. */
      upload: requestsPerFiveMinutes,
    }),
    monthlyBudgetUsd: positiveInt,
    parameters: z.object({ shared: parameterValues, api: parameterValues, worker: parameterValues }),
  })
  .superRefine((settings, context) => {
    for (const service of ['api', 'worker'] as const) {
      const size = settings[service];
      if (size.minTasks > size.maxTasks) {
        context.addIssue({ code: 'custom', path: [service, 'minTasks'], message: 'must not exceed maxTasks' });
      }
      if (!isValidFargateMemory(size.cpu, size.memoryMiB)) {
        context.addIssue({
          code: 'custom',
          path: [service, 'memoryMiB'],
          message: `not a Fargate size for ${size.cpu} CPU units`,
        });
      }
    }
    if (settings.queue.visibilityTimeoutSeconds <= settings.worker.maxJobSeconds) {
      context.addIssue({
        code: 'custom',
        path: ['queue', 'visibilityTimeoutSeconds'],
        message: 'must exceed worker.maxJobSeconds, or a slow job is delivered twice',
      });
    }
    const audiences = ['shared', 'api', 'worker'] as const;
    for (const audience of audiences) {
      for (const variable of Object.keys(settings.parameters[audience])) {
        if (DERIVED_VARIABLES.includes(variable)) {
          context.addIssue({
            code: 'custom',
            path: ['parameters', audience, variable],
            message: 'is set by the CDK app from other settings',
          });
        }
        const others = audiences.filter((other) => other !== audience && variable in settings.parameters[other]);
        if (others.length > 0) {
          context.addIssue({
            code: 'custom',
            path: ['parameters', audience, variable],
            message: `also defined in ${others.join(', ')}`,
          });
        }
      }
    }
    for (const route of ['signUp', 'login', 'vote', 'upload'] as const) {
      if (settings.firewall[route] > settings.firewall.perClient) {
        context.addIssue({
          code: 'custom',
          path: ['firewall', route],
          message: 'must not exceed firewall.perClient, or the tighter rule never fires',
        });
      }
    }
    if (settings.appThroughCdn && settings.region !== CLOUDFRONT_REGION) {
      context.addIssue({
        code: 'custom',
        path: ['appThroughCdn'],
        message: `needs region ${CLOUDFRONT_REGION}: the web ACL of a CloudFront distribution and its certificate live there`,
      });
    }
    if (settings.appThroughCdn && settings.certificateArn && settings.domainName && !settings.originDomainName) {
      context.addIssue({
        code: 'custom',
        path: ['originDomainName'],
        message:
          'required with appThroughCdn, certificateArn and domainName: domainName names the distribution, so CloudFront needs another name of the load balancer that the certificate covers',
      });
    }
    if (settings.originDomainName && settings.originDomainName === settings.domainName) {
      context.addIssue({
        code: 'custom',
        path: ['originDomainName'],
        message: 'must differ from domainName, which names the distribution',
      });
    }
    if (settings.database.maxAllocatedStorageGiB < settings.database.allocatedStorageGiB) {
      context.addIssue({
        code: 'custom',
        path: ['database', 'maxAllocatedStorageGiB'],
        message: 'must be at least allocatedStorageGiB',
      });
    }
  })
  // Mail comes from the public host name unless another domain is named.
  .transform((settings) => ({ ...settings, mailDomain: settings.mailDomain ?? settings.domainName }));

export type EnvironmentSettings = z.infer<typeof environmentSettingsSchema>;

export interface DeploymentSettings extends EnvironmentSettings {
  envName: string;
  /** Image of this release: the migration task always runs it; the services too unless told otherwise. */
  imageTag: string;
  /** Image the API and worker services run; the deploy workflow keeps the old one while migrations run. */
  serviceImageTag: string;
  /** First deployment of an environment: services at zero tasks until the first migration has run. */
  servicesPaused: boolean;
}

export const ENVIRONMENTS_CONTEXT_KEY = 'anb:environments';

/**
 * Picks the environment named by the `env` context key from `anb:environments` and validates it,
 * so `cdk deploy -c env=prod` changes sizes without code edits.
 */
export function readDeploymentSettings(tryGetContext: (key: string) => unknown): DeploymentSettings {
  const envName = String(tryGetContext('env') ?? 'dev');
  if (!/^[a-z][a-z0-9-]{1,15}$/.test(envName))
    throw new Error(`context env: "${envName}" is not a valid environment name`);
  const environments = tryGetContext(ENVIRONMENTS_CONTEXT_KEY);
  if (typeof environments !== 'object' || environments === null) {
    throw new Error(`context ${ENVIRONMENTS_CONTEXT_KEY}: missing; it is defined in infra/cdk.json`);
  }
  const raw = (environments as Record<string, unknown>)[envName];
  if (raw === undefined) {
    throw new Error(`context env: "${envName}" is not one of ${Object.keys(environments).join(', ')}`);
  }
  const parsed = environmentSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${envName}.${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`context ${ENVIRONMENTS_CONTEXT_KEY}.${envName} is invalid:\n${problems.join('\n')}`);
  }
  const settings = parsed.data;
  if (settings.production) {
    const missing = [
      ...(settings.certificateArn ? [] : ['certificateArn (ACM certificate for HTTPS)']),
      ...(settings.notificationEmails.length > 0 ? [] : ['notificationEmails (at least one address for alarms)']),
      ...(settings.mailDomain ? [] : ['mailDomain or domainName (the domain account mail is sent from)']),
    ];
    if (missing.length > 0) {
      throw new Error(
        `context ${ENVIRONMENTS_CONTEXT_KEY}.${envName} is a production environment and lacks: ${missing.join(', ')}`,
      );
    }
  }
  const imageTag = readImageTag(tryGetContext, 'imageTag', 'the release to deploy, e.g. -c imageTag=<commit sha>');
  const serviceImageTag =
    tryGetContext('serviceImageTag') === undefined
      ? imageTag
      : readImageTag(tryGetContext, 'serviceImageTag', 'the image the services keep running');
  const servicesPaused = ['true', true].includes(tryGetContext('servicesPaused') as string | boolean);
  return { ...settings, envName, imageTag, serviceImageTag, servicesPaused };
}

/** Image repositories are immutable and only ever receive commit SHAs and release tags: a tag must be explicit. */
function readImageTag(tryGetContext: (key: string) => unknown, key: string, meaning: string): string {
  const value = tryGetContext(key);
  if (value === undefined || value === '') throw new Error(`context ${key}: required (${meaning})`);
  const tag = String(value);
  if (!/^[\w][\w.-]{0,127}$/.test(tag)) throw new Error(`context ${key}: "${tag}" is not a valid image tag`);
  if (tag === 'latest') throw new Error(`context ${key}: "latest" is never pushed; name a commit SHA or release tag`);
  return tag;
}

/** Whole vCPUs of a Fargate task size (1024 CPU units each); at least one. */
export function fargateVcpus(cpuUnits: number): number {
  return Math.max(1, Math.floor(cpuUnits / 1024));
}

function isValidFargateMemory(cpu: number, memoryMiB: number): boolean {
  const gib = memoryMiB / 1024;
  switch (cpu) {
    case 256:
      return [512, 1024, 2048].includes(memoryMiB);
    case 512:
      return Number.isInteger(gib) && gib >= 1 && gib <= 4;
    case 1024:
      return Number.isInteger(gib) && gib >= 2 && gib <= 8;
    case 2048:
      return Number.isInteger(gib) && gib >= 4 && gib <= 16;
    case 4096:
      return Number.isInteger(gib) && gib >= 8 && gib <= 30;
    default:
      return false;
  }
}
