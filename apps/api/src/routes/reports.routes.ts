import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { organiserTexts, type ModerationService } from '@anb/core';
import { reportBody, reportReceived } from '../schemas/admin.schema.ts';
import { problems } from '../schemas/problem.schema.ts';
import { videoIdParams } from '../schemas/video.schema.ts';

/** A signed-in user flags a published video for the organisers' queue. */
export const reportRoutes: FastifyPluginAsyncZod<{ moderation: ModerationService }> = async (app, { moderation }) => {
  app.post(
    '/public/videos/:video_id/report',
    {
      preHandler: app.requirePlayer,
      schema: {
        tags: ['public'],
        summary: 'Reporta un video publicado (una vez por usuario y video)',
        security: [{ bearerAuth: [] }],
        params: videoIdParams,
        body: reportBody,
        response: { 201: reportReceived, ...problems(400, 401, 403, 404, 415) },
      },
    },
    async function reportVideo(request, reply) {
      const { reason, details } = request.body;
      const id = await moderation.report(
        request.params.video_id,
        request.playerId as string,
        reason,
        details ? details : null,
      );
      return reply.code(201).send({ message: organiserTexts.reportReceived, report_id: id });
    },
  );
};
