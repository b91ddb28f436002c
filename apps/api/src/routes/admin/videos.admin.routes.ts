import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModerationService, ReviewService } from '@anb/core';
import { toIso } from '../../http/timestamps.ts';
import { absoluteUrl } from '../../http/urls.ts';
import {
  dismissBody,
  hiddenState,
  hideBody,
  reportedVideo,
  reportsDismissed,
  restoreBody,
  reviewedVideo,
  reviewedVideosQuery,
  voteProfile,
} from '../../schemas/admin.schema.ts';
import { problems } from '../../schemas/problem.schema.ts';
import { videoIdParams } from '../../schemas/video.schema.ts';
import { ADMIN_REFUSALS, adminSecurity, organiserOf } from './admin-route.ts';

const owner = (o: { userId: string; name: string; email: string; city: string }) => ({
  user_id: o.userId,
  name: o.name,
  email: o.email,
  city: o.city,
});

/** Every video whatever its status, the reports queue, hide and restore, and where a video's votes came from. */
export const adminVideoRoutes: FastifyPluginAsyncZod<{ moderation: ModerationService; review: ReviewService }> = async (
  app,
  { moderation, review },
) => {
  app.get(
    '/videos',
    {
      schema: {
        tags: ['admin'],
        summary: 'Todos los videos, en cualquier estado, con reportes y votos (total en X-Total-Count)',
        security: adminSecurity,
        querystring: reviewedVideosQuery,
        response: { 200: z.array(reviewedVideo), ...problems(400, ...ADMIN_REFUSALS) },
      },
    },
    async function listVideos(request, reply) {
      const { status, city, player_id: playerId, limit, offset } = request.query;
      const { items, total } = await review.videos({ status, city, playerId, limit, offset });
      reply.header('x-total-count', total);
      return items.map((video) => ({
        video_id: video.id,
        title: video.title,
        status: video.status,
        player: owner(video.owner),
        uploaded_at: toIso(video.uploadedAt),
        processed_at: video.processedAt && toIso(video.processedAt),
        processed_url: absoluteUrl(request, video.processedUrl),
        poster_url: absoluteUrl(request, video.posterUrl),
        votes: video.votes,
        open_reports: video.openReports,
        total_reports: video.totalReports,
        hidden_reason: video.hiddenReason,
        hidden_at: video.hiddenAt && toIso(video.hiddenAt),
      }));
    },
  );

  app.get(
    '/reports',
    {
      schema: {
        tags: ['admin'],
        summary: 'Videos con reportes abiertos, el más reportado primero, con el conteo por motivo',
        security: adminSecurity,
        response: { 200: z.array(reportedVideo), ...problems(...ADMIN_REFUSALS) },
      },
    },
    async function reportQueue(request) {
      const queue = await review.reportQueue();
      return queue.map((video) => ({
        video_id: video.id,
        title: video.title,
        status: video.status,
        player: owner(video.owner),
        processed_url: absoluteUrl(request, video.processedUrl),
        poster_url: absoluteUrl(request, video.posterUrl),
        open_reports: video.openReports,
        by_reason: video.byReason,
        last_reported_at: toIso(video.lastReportedAt),
        reports: video.reports.map((report) => ({
          reason: report.reason,
          details: report.details,
          reported_at: toIso(report.reportedAt),
        })),
      }));
    },
  );

  app.post(
    '/videos/:video_id/hide',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Oculta un video publicado: sale de la galería, el ranking y los resultados; sus votos se guardan sin contar',
        security: adminSecurity,
        params: videoIdParams,
        body: hideBody,
        response: { 200: hiddenState, ...problems(400, ...ADMIN_REFUSALS, 404, 415) },
      },
    },
    async function hideVideo(request) {
      const { video_id: videoId } = request.params;
      const hiddenAt = await moderation.hide(videoId, request.body.reason, organiserOf(request));
      return {
        video_id: videoId,
        status: 'hidden' as const,
        hidden_reason: request.body.reason,
        hidden_at: toIso(hiddenAt),
      };
    },
  );

  app.post(
    '/videos/:video_id/restore',
    {
      schema: {
        tags: ['admin'],
        summary: 'Devuelve un video oculto a la galería, con sus votos',
        security: adminSecurity,
        params: videoIdParams,
        body: restoreBody,
        response: { 200: hiddenState, ...problems(400, ...ADMIN_REFUSALS, 404, 415) },
      },
    },
    async function restoreVideo(request) {
      const { video_id: videoId } = request.params;
      await moderation.restore(videoId, request.body.reason ?? null, organiserOf(request));
      return { video_id: videoId, status: 'processed' as const, hidden_reason: null, hidden_at: null };
    },
  );

  app.post(
    '/videos/:video_id/dismiss-reports',
    {
      schema: {
        tags: ['admin'],
        summary: 'Descarta los reportes abiertos de un video que se queda publicado',
        security: adminSecurity,
        params: videoIdParams,
        body: dismissBody,
        response: { 200: reportsDismissed, ...problems(400, ...ADMIN_REFUSALS, 404, 415) },
      },
    },
    async function dismissReports(request) {
      const { video_id: videoId } = request.params;
      const dismissed = await moderation.dismissReports(videoId, request.body.reason, organiserOf(request));
      return { video_id: videoId, dismissed };
    },
  );

  app.get(
    '/videos/:video_id/votes',
    {
      schema: {
        tags: ['admin'],
        summary: 'De dónde vienen los votos de un video: verificados, cuentas nuevas, por hora y por red de registro',
        security: adminSecurity,
        params: videoIdParams,
        response: { 200: voteProfile, ...problems(...ADMIN_REFUSALS, 404) },
      },
    },
    async function showVoteProfile(request) {
      const profile = await review.voteProfile(request.params.video_id);
      return {
        video_id: profile.videoId,
        title: profile.title,
        total: profile.total,
        counted: profile.counted,
        voided: profile.voided,
        verified: profile.fromVerifiedAccounts,
        verified_share: profile.total === 0 ? 0 : profile.fromVerifiedAccounts / profile.total,
        new_accounts: profile.fromNewAccounts,
        per_hour: profile.perHour.map(({ hour, votes }) => ({ hour: toIso(hour), votes })),
        signup_networks: profile.signupNetworks,
      };
    },
  );
};
