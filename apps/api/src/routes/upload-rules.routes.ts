import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { TITLE_MAX_LENGTH, uploadTexts, type UploadRules } from '@anb/core';
import { uploadRulesAnswer } from '../schemas/upload-rules.schema.ts';

/** Clients may keep the rules a while; a changed configuration reaches them within this. */
const CACHE_SECONDS = 300;

/**
 * The contest rules this deployment enforces, public and read-only, so the web app (or any client)
 * checks a file against the configuration rather than against constants of its own.
 */
export const uploadRulesRoutes: FastifyPluginAsyncZod<{ uploadRules: UploadRules }> = async (app, { uploadRules }) => {
  const answer = {
    accepted_types: ['video/mp4'],
    max_bytes: uploadRules.maxBytes,
    min_seconds: uploadRules.minSeconds,
    max_seconds: uploadRules.maxSeconds,
    min_short_side: uploadRules.minShortSide,
    title_max_length: TITLE_MAX_LENGTH,
    summary: uploadTexts.rulesSummary(uploadRules),
  };
  app.get(
    '/upload-rules',
    {
      schema: {
        tags: ['videos'],
        summary: 'Reglas del concurso para subir un video (tipo, tamaño, duración, resolución, título)',
        response: { 200: uploadRulesAnswer },
      },
    },
    async function showUploadRules(_request, reply) {
      reply.header('cache-control', `public, max-age=${CACHE_SECONDS}`);
      return answer;
    },
  );
};
