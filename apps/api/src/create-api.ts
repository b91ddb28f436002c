import path from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { uploadRulesOf, type Config } from '@anb/config';
import {
  AccountLinks,
  AccountService,
  AuthService,
  ContestService,
  MailDispatcher,
  ModerationService,
  PublicService,
  ReviewService,
  VideoService,
} from '@anb/core';
import {
  isDatabaseUnavailable,
  PostgresAccountLinkRepository,
  PostgresAttemptCounter,
  PostgresCityDirectory,
  PostgresContestRepository,
  PostgresMailOutbox,
  PostgresModerationRepository,
  PostgresReviewRepository,
  PostgresSessionRepository,
  PostgresRankingRepository,
  PostgresUnfinishedUploadRepository,
  PostgresUserRepository,
  PostgresVideoRepository,
  PostgresVoteRepository,
  PostgresVoteTally,
} from '@anb/db';
import { mailerFor, MailcheckerDisposableDomains } from '@anb/mail';
import { Mp4Inspector } from '@anb/media';
import { publishedMediaFor, type Runtime } from '@anb/runtime';
import { BcryptPasswordHasher } from './adapters/bcrypt-password-hasher.ts';
import { buildApp } from './app.ts';
import { resumableStoreFor } from './upload/resumable/resumable-store-for.ts';

/** The API's composition root: services over the runtime's adapters, then the HTTP app. */
export async function createApi(
  config: Config,
  runtime: Runtime,
  logger: FastifyServerOptions['logger'] = false,
  webRoot?: string,
): Promise<FastifyInstance> {
  const videoRepository = new PostgresVideoRepository(runtime.db);
  const uploadRules = uploadRulesOf(config);
  const localStore = runtime.localStore;
  const users = new PostgresUserRepository(runtime.db);
  const hasher = new BcryptPasswordHasher(config.BCRYPT_COST);
  const links = new AccountLinks({
    links: new PostgresAccountLinkRepository(runtime.db),
    webBaseUrl: config.PUBLIC_BASE_URL,
    now: () => new Date(),
  });
  const accounts = new AccountService({
    users,
    sessions: new PostgresSessionRepository(runtime.db),
    links,
    hasher,
    disposableDomains: new MailcheckerDisposableDomains(),
    voteRequiresVerifiedEmail: config.VOTE_REQUIRES_VERIFIED_EMAIL,
  });
  const contest = new ContestService({
    contests: new PostgresContestRepository(runtime.db),
    timeZone: config.CONTEST_TIME_ZONE,
  });
  const reviews = new PostgresReviewRepository(runtime.db);
  const rankings = new PostgresRankingRepository(runtime.db);
  const publishedMedia = await publishedMediaFor(config, runtime.store);
  // The app's logger exists only once the app does; until then a line goes to the console.
  let log = (line: string) => console.log(line);
  const mail = await mailerFor(
    {
      transport: config.MAIL_TRANSPORT,
      smtpUrl: config.SMTP_URL,
      from: config.MAIL_FROM,
      sesConfigurationSet: config.SES_CONFIGURATION_SET,
      region: config.AWS_REGION,
      mailDir: path.resolve(config.DATA_DIR, 'mail'),
    },
    (line) => log(line),
  );
  const app = await buildApp(
    {
      jwtSecret: runtime.jwtSecret,
      jwtExpiresInSeconds: config.JWT_EXPIRES_IN,
      corsOrigins: config.CORS_ORIGINS,
      trustProxy: config.TRUST_PROXY,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      uploadRules,
      uploadTmpDir: runtime.tmpDir,
      uploadIdleTimeoutMs: config.UPLOAD_IDLE_TIMEOUT * 1000,
      authRateLimit: {
        max: config.RATE_LIMIT_AUTH_MAX,
        loginsPerClient: config.RATE_LIMIT_LOGIN_PER_CLIENT,
        windowSeconds: config.RATE_LIMIT_WINDOW,
      },
      uploadRateLimit: { max: config.UPLOAD_RATE_MAX, windowSeconds: config.UPLOAD_RATE_WINDOW },
      accountRateLimit: { max: config.RATE_LIMIT_ACCOUNT_MAX, windowSeconds: config.RATE_LIMIT_ACCOUNT_WINDOW },
      voteRateLimit: {
        perAccount: config.VOTE_RATE_PER_ACCOUNT,
        perClient: config.VOTE_RATE_PER_CLIENT,
        windowSeconds: config.VOTE_RATE_WINDOW,
      },
      maxUnfinishedUploads: config.UPLOAD_RESUMABLE_MAX_UNFINISHED,
      mailDispatchIntervalMs: 2000,
      // Rankings must show a vote within 2 s; the tally is one cheap statement when nothing is queued.
      voteTallyIntervalMs: config.VOTE_TALLY_INTERVAL_MS,
      publicReadFreshMs: config.PUBLIC_READ_FRESH_MS,
      webRoot,
    },
    {
      auth: new AuthService(users, hasher, links),
      accounts,
      mailDispatcher: new MailDispatcher({
        outbox: new PostgresMailOutbox(runtime.db),
        mailer: mail.mailer,
        maxAttempts: config.MAIL_MAX_ATTEMPTS,
        now: () => new Date(),
        onSendFailed: ({ id, attempts, error, givenUp }) =>
          app.log.warn({ err: error, mailId: id, attempts, givenUp }, 'sending a mail failed'),
      }),
      voteTally: new PostgresVoteTally(runtime.db),
      videos: new VideoService({
        videos: videoRepository,
        store: runtime.store,
        queue: runtime.queue,
        inspector: new Mp4Inspector(),
        rules: uploadRules,
        signedUrlTtlSeconds: config.SIGNED_URL_TTL,
        rankings,
      }),
      publicArea: new PublicService({
        videos: videoRepository,
        votes: new PostgresVoteRepository(runtime.db),
        rankings,
        cities: new PostgresCityDirectory(runtime.db),
        store: runtime.store,
        media: publishedMedia,
        voters: accounts,
        calendar: contest,
      }),
      contest,
      moderation: new ModerationService({
        moderation: new PostgresModerationRepository(runtime.db),
        reviews,
        media: publishedMedia,
      }),
      review: new ReviewService({
        reviews,
        contest,
        store: runtime.store,
        signedUrlTtlSeconds: config.SIGNED_URL_TTL,
      }),
      resumableUploads: await resumableStoreFor(config, runtime),
      unfinishedUploads: new PostgresUnfinishedUploadRepository(runtime.db),
      attempts: new PostgresAttemptCounter(runtime.db),
      readiness: runtime.readiness,
      isOutage: isDatabaseUnavailable,
      mediaFiles: localStore && {
        rootDir: localStore.rootDir,
        isValidSignature: (key, expires, signature) => localStore.verifyMediaSignature({ key, expires, signature }),
      },
    },
    logger,
  );
  log = (line) => app.log.info(line);
  app.addHook('onClose', () => mail.close());
  return app;
}
