import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReviewService } from '@anb/core';
import { toIso } from '../../http/timestamps.ts';
import { videoPageUrl } from '../../http/urls.ts';
import { results } from '../../schemas/admin.schema.ts';
import { problems } from '../../schemas/problem.schema.ts';
import { ADMIN_REFUSALS, adminSecurity } from './admin-route.ts';
import { resultsCsv } from './results-csv.ts';

/** The ranking per city with each player's best visible video: provisional until voting closes, final after. */
export const adminResultsRoutes: FastifyPluginAsyncZod<{ review: ReviewService }> = async (app, { review }) => {
  const videoUrl = (videoId: string) => videoPageUrl(app.publicBaseUrl, videoId);

  app.get(
    '/results',
    {
      schema: {
        tags: ['admin'],
        summary: 'Resultados por ciudad (provisionales hasta el cierre de la votación, finales después)',
        security: adminSecurity,
        response: { 200: results, ...problems(...ADMIN_REFUSALS) },
      },
    },
    async function showResults() {
      const current = await review.results();
      return {
        status: current.status,
        generated_at: toIso(current.generatedAt),
        cities: current.cities.map(({ city, players }) => ({
          city,
          players: players.map((row) => ({
            position: row.position,
            user_id: row.userId,
            player: row.player,
            email: row.email,
            city: row.city,
            video_id: row.videoId,
            video_title: row.videoTitle,
            video_url: videoUrl(row.videoId),
            votes: row.votes,
          })),
        })),
      };
    },
  );

  app.get(
    '/results.csv',
    {
      schema: {
        tags: ['admin'],
        summary: 'Resultados en CSV (UTF-8 con BOM, separador ;) para Excel y LibreOffice',
        security: adminSecurity,
        produces: ['text/csv'],
        response: { 200: z.string().describe('text/csv; charset=utf-8'), ...problems(...ADMIN_REFUSALS) },
      },
    },
    async function downloadResults(_request, reply) {
      const current = await review.results();
      const name = current.status === 'final' ? 'resultados-finales.csv' : 'resultados-provisionales.csv';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(resultsCsv(current, videoUrl));
    },
  );
};
