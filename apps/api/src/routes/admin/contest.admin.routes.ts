import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ContestService } from '@anb/core';
import { contestWire } from '../../http/contest-wire.ts';
import { contest, contestSettings } from '../../schemas/contest.schema.ts';
import { problems } from '../../schemas/problem.schema.ts';
import { ADMIN_REFUSALS, adminSecurity, organiserOf } from './admin-route.ts';

export const adminContestRoutes: FastifyPluginAsyncZod<{ contest: ContestService }> = async (app, options) => {
  app.put(
    '/contest',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Fija el nombre, las reglas, los seleccionados por ciudad y las fechas de cierre (una fecha pasada rige de inmediato)',
        security: adminSecurity,
        body: contestSettings,
        response: { 200: contest, ...problems(400, ...ADMIN_REFUSALS, 415) },
      },
    },
    async function updateContest(request) {
      const body = request.body;
      const updated = await options.contest.update(
        {
          name: body.name,
          rules: body.rules,
          selectedPerCity: body.selected_per_city,
          uploadsCloseAt: body.uploads_close_at === null ? null : new Date(body.uploads_close_at),
          votingClosesAt: body.voting_closes_at === null ? null : new Date(body.voting_closes_at),
        },
        organiserOf(request),
      );
      return contestWire(updated);
    },
  );
};
