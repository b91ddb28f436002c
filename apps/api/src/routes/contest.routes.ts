import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ContestService } from '@anb/core';
import { contestWire } from '../http/contest-wire.ts';
import { contest } from '../schemas/contest.schema.ts';

export const contestRoutes: FastifyPluginAsyncZod<{ contest: ContestService }> = async (app, options) => {
  app.get(
    '/contest',
    {
      schema: {
        tags: ['contest'],
        summary: 'El concurso: nombre, reglas, fechas de cierre, fase y jugadores seleccionados por ciudad',
        response: { 200: contest },
      },
    },
    async function showContest() {
      return contestWire(await options.contest.current());
    },
  );
};
