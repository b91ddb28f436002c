import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModerationService, ReviewedAccount, ReviewService } from '@anb/core';
import { toIso } from '../../http/timestamps.ts';
import {
  accountsQuery,
  reinstateBody,
  reviewedAccount,
  suspendBody,
  userIdParams,
} from '../../schemas/admin.schema.ts';
import { problems } from '../../schemas/problem.schema.ts';
import { ADMIN_REFUSALS, adminSecurity, organiserOf } from './admin-route.ts';

function accountWire(account: ReviewedAccount) {
  return {
    user_id: account.id,
    first_name: account.firstName,
    last_name: account.lastName,
    email: account.email,
    city: account.city,
    country: account.country,
    role: account.role,
    email_verified: account.emailVerified,
    created_at: toIso(account.createdAt),
    suspended_at: account.suspendedAt && toIso(account.suspendedAt),
    suspension_reason: account.suspensionReason,
    votes_voided: account.votesVoided,
  };
}

/** Finding an account, and suspending or reinstating it. */
export const adminUserRoutes: FastifyPluginAsyncZod<{ moderation: ModerationService; review: ReviewService }> = async (
  app,
  { moderation, review },
) => {
  app.get(
    '/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Busca la cuenta de un correo (tal como se escribió o su buzón)',
        security: adminSecurity,
        querystring: accountsQuery,
        response: { 200: z.array(reviewedAccount), ...problems(400, ...ADMIN_REFUSALS) },
      },
    },
    async function findAccounts(request) {
      return (await review.accountsByEmail(request.query.email)).map(accountWire);
    },
  );

  app.post(
    '/users/:user_id/suspend',
    {
      schema: {
        tags: ['admin'],
        summary: 'Suspende una cuenta (no inicia sesión, no vota, no sube); con void_votes sus votos dejan de contar',
        security: adminSecurity,
        params: userIdParams,
        body: suspendBody,
        response: { 200: reviewedAccount, ...problems(400, ...ADMIN_REFUSALS, 404, 415) },
      },
    },
    async function suspend(request) {
      const { reason, void_votes: voidVotes } = request.body;
      const account = await moderation.suspend(request.params.user_id, { reason, voidVotes }, organiserOf(request));
      return accountWire(account);
    },
  );

  app.post(
    '/users/:user_id/reinstate',
    {
      schema: {
        tags: ['admin'],
        summary: 'Levanta la suspensión; los votos anulados vuelven a contar',
        security: adminSecurity,
        params: userIdParams,
        body: reinstateBody,
        response: { 200: reviewedAccount, ...problems(400, ...ADMIN_REFUSALS, 404, 415) },
      },
    },
    async function reinstate(request) {
      const account = await moderation.reinstate(
        request.params.user_id,
        request.body.reason ?? null,
        organiserOf(request),
      );
      return accountWire(account);
    },
  );
};
