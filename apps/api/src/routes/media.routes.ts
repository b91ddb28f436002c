import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { messages } from '../http/messages.ts';
import { sendProblem } from '../http/problem.ts';

/** The local-disk object store as the media route needs it. */
export interface SignedMediaFiles {
  rootDir: string;
  isValidSignature(key: string, expires: number, signature: string): boolean;
}

const mediaQuery = z.object({
  expires: z.coerce.number().int().nonnegative(),
  signature: z.string().min(1).max(200),
});

/**
 * Serves objects of the local-disk store behind signed, expiring URLs, with HTTP Range
 * (browsers seek in videos with it) and conditional requests, as S3 presigned URLs do.
 */
export const mediaRoutes: FastifyPluginAsyncZod<{ files: SignedMediaFiles }> = async (app, { files }) => {
  await app.register(fastifyStatic, { root: files.rootDir, serve: false, index: false, dotfiles: 'deny' });

  app.get(
    '/media/*',
    { logLevel: 'warn', schema: { hide: true, querystring: mediaQuery } },
    async function serveMedia(request, reply) {
      const key = (request.params as { '*': string })['*'];
      const { expires, signature } = request.query;
      if (!files.isValidSignature(key, expires, signature)) {
        return sendProblem(reply, { status: 403, code: 'INVALID_MEDIA_LINK', detail: messages.mediaLinkInvalid });
      }
      const secondsLeft = Math.max(0, expires - Math.floor(Date.now() / 1000));
      return reply.header('cache-control', `private, max-age=${secondsLeft}`).sendFile(key, { cacheControl: false });
    },
  );
};
