import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { uploadRulesOf, type Config } from '@anb/config';
import { AuthService, PublicService, VideoService } from '@anb/core';
import {
  isDatabaseUnavailable,
  PostgresRankingRepository,
  PostgresUserRepository,
  PostgresVideoRepository,
  PostgresVoteRepository,
} from '@anb/db';
import { Mp4Inspector } from '@anb/media';
import type { Runtime } from '@anb/runtime';
import { BcryptPasswordHasher } from './adapters/bcrypt-password-hasher.ts';
import { buildApp } from './app.ts';
import { resumableStoreFor } from './upload/resumable/resumable-store-for.ts';

/** The API's composition root: services over the runtime's adapters, then the HTTP app. */
export function createApi(
  config: Config,
  runtime: Runtime,
  logger: FastifyServerOptions['logger'] = false,
  webRoot?: string,
): Promise<FastifyInstance> {
  const videoRepository = new PostgresVideoRepository(runtime.db);
  const uploadRules = uploadRulesOf(config);
  const localStore = runtime.localStore;
  return buildApp(
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
      webRoot,
    },
    {
      auth: new AuthService(new PostgresUserRepository(runtime.db), new BcryptPasswordHasher(config.BCRYPT_COST)),
      videos: new VideoService({
        videos: videoRepository,
        store: runtime.store,
        queue: runtime.queue,
        inspector: new Mp4Inspector(),
        rules: uploadRules,
        signedUrlTtlSeconds: config.SIGNED_URL_TTL,
      }),
      publicArea: new PublicService({
        videos: videoRepository,
        votes: new PostgresVoteRepository(runtime.db),
        rankings: new PostgresRankingRepository(runtime.db),
        store: runtime.store,
        signedUrlTtlSeconds: config.SIGNED_URL_TTL,
      }),
      resumableUploads: resumableStoreFor(config, runtime),
      readiness: runtime.readiness,
      isOutage: isDatabaseUnavailable,
      mediaFiles: localStore && {
        rootDir: localStore.rootDir,
        isValidSignature: (key, expires, signature) => localStore.verifyMediaSignature({ key, expires, signature }),
      },
    },
    logger,
  );
}
