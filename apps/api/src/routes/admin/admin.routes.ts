import type { FastifyPluginAsync } from 'fastify';
import type { ContestService, ModerationService, ReviewService } from '@anb/core';
import type { PublicReadCache } from '../../http/public-read-cache.ts';
import { adminAuditRoutes } from './audit.admin.routes.ts';
import { adminContestRoutes } from './contest.admin.routes.ts';
import { adminResultsRoutes } from './results.admin.routes.ts';
import { adminUserRoutes } from './users.admin.routes.ts';
import { adminVideoRoutes } from './videos.admin.routes.ts';

export interface AdminRoutesOptions {
  contest: ContestService;
  moderation: ModerationService;
  review: ReviewService;
  /** What anonymous readers were last answered: an organiser's change must not wait behind it. */
  publicReads: Pick<PublicReadCache, 'discard'>;
}

/**
 * `/api/admin/*`, for organisers only. The role is read on every request, before the body is even parsed:
 * 401 without a valid token and 403 for anyone else, whatever they send.
 */
export const adminRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, options) => {
  app.addHook('onRequest', app.requireOrganiser);
  // A hidden video, a voided voter or new dates show in the next public answer, before this one reaches its sender.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && reply.statusCode < 400) options.publicReads.discard();
    return payload;
  });
  await app.register(adminContestRoutes, { contest: options.contest });
  await app.register(adminVideoRoutes, { moderation: options.moderation, review: options.review });
  await app.register(adminUserRoutes, { moderation: options.moderation, review: options.review });
  await app.register(adminResultsRoutes, { review: options.review });
  await app.register(adminAuditRoutes, { review: options.review });
};
