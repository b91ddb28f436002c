import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReviewService } from '@anb/core';
import { toIso } from '../../http/timestamps.ts';
import { auditEntry, auditQuery } from '../../schemas/admin.schema.ts';
import { problems } from '../../schemas/problem.schema.ts';
import { ADMIN_REFUSALS, adminSecurity } from './admin-route.ts';

/** The audit log, newest first; there is no route that changes it. */
export const adminAuditRoutes: FastifyPluginAsyncZod<{ review: ReviewService }> = async (app, { review }) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'Registro de acciones de los organizadores, la más reciente primero (total en X-Total-Count)',
        security: adminSecurity,
        querystring: auditQuery,
        response: { 200: z.array(auditEntry), ...problems(400, ...ADMIN_REFUSALS) },
      },
    },
    async function listAudit(request, reply) {
      const { items, total } = await review.audit(request.query);
      reply.header('x-total-count', total);
      return items.map((entry) => ({
        id: entry.id,
        at: toIso(entry.at),
        actor: { user_id: entry.actor.userId, email: entry.actor.email },
        action: entry.action,
        target_type: entry.targetType,
        target_id: entry.targetId,
        reason: entry.reason,
        details: entry.details,
      }));
    },
  );
};
