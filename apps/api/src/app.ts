import fastifyCors from '@fastify/cors';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TrustedProxies } from '@anb/config';
import type {
  AccountService,
  AttemptCounter,
  AuthService,
  ContestService,
  MailDispatcher,
  ModerationService,
  ReviewService,
  PublicService,
  UnfinishedUploadRepository,
  UploadRules,
  VideoService,
  VoteTally,
} from '@anb/core';
import { repeatRounds, type RepeatingRound } from './background/repeating-round.ts';
import { answerClientError, answerFrameworkError } from './http/connection-errors.ts';
import { startAttemptSweep } from './http/attempt-sweep.ts';
import { LINGER_LIMITS } from './http/lingering-close.ts';
import { isPrivateNetworkAddress } from './http/private-network.ts';
import { securityPolicy } from './http/security-policy.ts';
import { PublicReadCache } from './http/public-read-cache.ts';
import { sharedRateLimitStore } from './http/shared-rate-limit-store.ts';
import type { VoteRateLimit } from './http/vote-limits.ts';
import './http/spanish-validation-messages.ts';
import { answerBeforeBody } from './plugins/answer-before-body.ts';
import { answerWhileClosing } from './plugins/answer-while-closing.ts';
import { authentication } from './plugins/authentication.ts';
import { errorHandler } from './plugins/error-handler.ts';
import { openApi } from './plugins/openapi.ts';
import { securityHeaders } from './plugins/security-headers.ts';
import { accountRoutes } from './routes/account.routes.ts';
import { adminRoutes } from './routes/admin/admin.routes.ts';
import { contestRoutes } from './routes/contest.routes.ts';
import { reportRoutes } from './routes/reports.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { healthRoutes, type DependencyCheck } from './routes/health.routes.ts';
import { mediaRoutes, type SignedMediaFiles } from './routes/media.routes.ts';
import { publicRoutes } from './routes/public.routes.ts';
import { uploadRulesRoutes } from './routes/upload-rules.routes.ts';
import { uploadRoutes } from './routes/uploads.routes.ts';
import { videoRoutes } from './routes/videos.routes.ts';
import { shareRoutes } from './routes/share.routes.ts';
import { pageShell, webRoutes } from './routes/web.routes.ts';
import { uploadStartGate } from './upload/upload-start-gate.ts';
import type { ResumableStore } from './upload/resumable/resumable-store.ts';
import { startExpirySweep } from './upload/resumable/expiry-sweep.ts';
import { tallyAllQueued } from './votes/tally-all-queued.ts';
import { TUS_EXPOSED_HEADERS } from './upload/resumable/tus-headers.ts';

export interface AppSettings {
  jwtSecret: string;
  jwtExpiresInSeconds: number;
  corsOrigins: string;
  /** The proxies believed about the client address (TRUST_PROXY). */
  trustProxy: TrustedProxies;
  /** Origin of absolute URLs in answers; never taken from the request's Host. */
  publicBaseUrl: string;
  /** The contest rules (size, duration, resolution) from configuration; GET /api/upload-rules shows them. */
  uploadRules: UploadRules;
  uploadTmpDir: string;
  uploadIdleTimeoutMs: number;
  authRateLimit: { max: number; loginsPerClient: number; windowSeconds: number };
  uploadRateLimit: { max: number; windowSeconds: number };
  /** Resend, forgot-password, reset and change per e-mail or account. */
  accountRateLimit: { max: number; windowSeconds: number };
  /** Votes per account and per client address within the window, refused ones included. */
  voteRateLimit: VoteRateLimit;
  /** Resumable uploads one player may have unfinished at once. */
  maxUnfinishedUploads: number;
  /** How often the outbox is looked at when nothing wakes the dispatcher. */
  mailDispatchIntervalMs: number;
  /** How often answered votes are added to the counters (rankings lag votes by about this much). */
  voteTallyIntervalMs: number;
  /** How long anonymous readers share one answer of the rankings and the listing (0: every request reads). */
  publicReadFreshMs: number;
  /** Folder of the built web app, served at `/` when given. */
  webRoot?: string | undefined;
}

export interface AppDependencies {
  auth: AuthService;
  accounts: AccountService;
  /** Sends the mail outbox from this process. */
  mailDispatcher: MailDispatcher;
  /** Adds answered votes to the counters from this process (one process at a time does). */
  voteTally: VoteTally;
  videos: VideoService;
  publicArea: PublicService;
  /** The contest's calendar and words; closes uploads and votes on its dates. */
  contest: ContestService;
  /** Reports from the public and the organisers' actions. */
  moderation: ModerationService;
  /** What organisers read before acting. */
  review: ReviewService;
  readiness: DependencyCheck[];
  /** Whether an error means a dependency (the database) is down for now: answered 503, not 500. */
  isOutage(error: unknown): boolean;
  /** Where unfinished tus uploads live (`/api/uploads`). */
  resumableUploads: ResumableStore;
  /** Which tus uploads each player has unfinished, whatever process started them. */
  unfinishedUploads: UnfinishedUploadRepository;
  /** The rate limits' counters, shared by every API process. */
  attempts: AttemptCounter;
  /** Present when objects live on local disk and the API itself serves them. */
  mediaFiles?: SignedMediaFiles | undefined;
}

/** Builds the HTTP application from ready services; starting and stopping it is the caller's job. */
export async function buildApp(
  settings: AppSettings,
  deps: AppDependencies,
  logger: FastifyServerOptions['logger'] = false,
): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    trustProxy: proxyTrust(settings.trustProxy),
    // JSON bodies are small; video uploads are streamed by multipart with their own limit.
    bodyLimit: 64 * 1024,
    // A 100 MB upload over a slow phone link takes minutes; a stalled one is dropped sooner (receive-upload.ts).
    requestTimeout: 15 * 60 * 1000,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // Requests arriving while the API closes are answered by answerWhileClosing, in problem+json.
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('publicBaseUrl', settings.publicBaseUrl);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON endpoints take JSON only: a text body is refused with 415, not parsed as a string.
  app.removeContentTypeParser('text/plain');

  await app.register(answerWhileClosing);
  // A refusal sent while an upload is still arriving lingers until the body ends, so the client reads it.
  const lingerLimits = { ...LINGER_LIMITS, idleMs: settings.uploadIdleTimeoutMs };
  await app.register(answerBeforeBody, { limits: lingerLimits });
  await app.register(errorHandler, { isOutage: deps.isOutage, maxUploadBytes: settings.uploadRules.maxBytes });
  await app.register(securityHeaders, securityPolicy(settings.publicBaseUrl));
  await app.register(fastifyCors, {
    origin: settings.corsOrigins === '*' ? '*' : settings.corsOrigins.split(',').map((origin) => origin.trim()),
    // PATCH and DELETE for tus (and the video delete); the request headers asked for are reflected.
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    exposedHeaders: ['x-total-count', ...TUS_EXPOSED_HEADERS],
  });
  // Every limiter counts in the shared store: a limit holds however many API processes there are.
  await app.register(fastifyRateLimit, { global: false, store: sharedRateLimitStore(deps.attempts) });
  await app.register(fastifyMultipart, {
    limits: {
      files: 1,
      fileSize: settings.uploadRules.maxBytes,
      fields: 10,
      fieldSize: 4 * 1024,
      parts: 20,
      headerPairs: 100,
    },
  });
  await app.register(openApi);
  await app.register(authentication, {
    secret: settings.jwtSecret,
    expiresInSeconds: settings.jwtExpiresInSeconds,
    honouredAccount: (token) => deps.accounts.honouredAccount(token),
  });

  const publicReads = new PublicReadCache({ freshMs: settings.publicReadFreshMs });
  let stopSweep = () => {};
  let stopAttemptSweep = () => {};
  let mailDispatch: RepeatingRound | undefined;
  let voteTally: RepeatingRound | undefined;
  app.addHook('onReady', async () => {
    stopSweep = startExpirySweep(deps.resumableUploads, (error) =>
      app.log.warn({ err: error }, 'sweeping expired resumable uploads failed'),
    );
    stopAttemptSweep = startAttemptSweep(deps.attempts, (error) =>
      app.log.warn({ err: error }, 'sweeping ended rate-limit windows failed'),
    );
    mailDispatch = repeatRounds(() => deps.mailDispatcher.dispatchDue(), {
      intervalMs: settings.mailDispatchIntervalMs,
      onError: (error) => app.log.warn({ err: error }, 'sending queued mail failed; it stays queued'),
    });
    voteTally = repeatRounds(
      async () => {
        if ((await tallyAllQueued(deps.voteTally)) > 0) publicReads.outdated();
      },
      {
        intervalMs: settings.voteTallyIntervalMs,
        onError: (error) => app.log.warn({ err: error }, 'tallying votes failed; they stay queued'),
      },
    );
  });
  app.addHook('onClose', async () => {
    stopSweep();
    stopAttemptSweep();
    await mailDispatch?.stop();
    await voteTally?.stop();
  });
  await app.register(
    async (api) => {
      // One budget of started uploads per player, whichever endpoint starts them; none once uploads have closed.
      const admitUploadStart = uploadStartGate(api, { limit: settings.uploadRateLimit, contest: deps.contest });
      await api.register(healthRoutes, { dependencies: deps.readiness });
      await api.register(authRoutes, {
        auth: deps.auth,
        tokenLifetimeSeconds: settings.jwtExpiresInSeconds,
        rateLimit: {
          ...settings.authRateLimit,
          perMailbox: settings.accountRateLimit.max,
          accountWindowSeconds: settings.accountRateLimit.windowSeconds,
        },
      });
      await api.register(accountRoutes, {
        accounts: deps.accounts,
        tokenLifetimeSeconds: settings.jwtExpiresInSeconds,
        mailQueued: () => mailDispatch?.wake(),
        rateLimit: {
          perClient: settings.authRateLimit.max,
          windowSeconds: settings.authRateLimit.windowSeconds,
          perAccount: settings.accountRateLimit.max,
          accountWindowSeconds: settings.accountRateLimit.windowSeconds,
        },
      });
      await api.register(videoRoutes, {
        videos: deps.videos,
        uploadTmpDir: settings.uploadTmpDir,
        uploadRules: settings.uploadRules,
        uploadIdleTimeoutMs: settings.uploadIdleTimeoutMs,
        admitUploadStart,
      });
      await api.register(uploadRoutes, {
        videos: deps.videos,
        store: deps.resumableUploads,
        mountPath: '/api',
        uploadRules: settings.uploadRules,
        uploadIdleTimeoutMs: settings.uploadIdleTimeoutMs,
        admitUploadStart,
        unfinishedUploads: deps.unfinishedUploads,
        maxUnfinished: settings.maxUnfinishedUploads,
        isOutage: deps.isOutage,
        corsOrigins: settings.corsOrigins,
        lingerLimits,
      });
      await api.register(uploadRulesRoutes, { uploadRules: settings.uploadRules });
      await api.register(contestRoutes, { contest: deps.contest });
      await api.register(reportRoutes, { moderation: deps.moderation });
      await api.register(adminRoutes, {
        prefix: '/admin',
        contest: deps.contest,
        moderation: deps.moderation,
        review: deps.review,
        publicReads,
      });
      await api.register(publicRoutes, {
        publicArea: deps.publicArea,
        contest: deps.contest,
        voteRateLimit: settings.voteRateLimit,
        // The ranking shows a vote within one round; under load rounds run back to back, each taking every queued vote.
        voteQueued: () => voteTally?.wake(),
        publicReads,
      });
    },
    { prefix: '/api' },
  );
  if (deps.mediaFiles) await app.register(mediaRoutes, { files: deps.mediaFiles });
  await app.register(shareRoutes, { publicArea: deps.publicArea, shell: await pageShell(settings.webRoot) });
  if (settings.webRoot) await app.register(webRoutes, { root: settings.webRoot });
  return app;
}

/** Fastify's trust function for TRUST_PROXY; a hop count trusts that many proxies nearest to us. */
function proxyTrust(trusted: TrustedProxies): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (trusted === 'one-private-proxy') return (address, hop) => hop === 0 && isPrivateNetworkAddress(address);
  return typeof trusted === 'number' ? (_address, hop) => hop < trusted : trusted;
}
