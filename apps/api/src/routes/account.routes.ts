import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { accountSecurityTexts, normalisedEmail, type AccountService } from '@anb/core';
import { attemptLimiter, clientKey } from '../http/attempt-limit.ts';
import { messages } from '../http/messages.ts';
import type { Problem } from '../http/problem.ts';
import {
  accountMessage,
  resendVerificationBody,
  changePasswordBody,
  forgotPasswordBody,
  me,
  passwordChanged,
  resetPasswordBody,
  verifyEmailBody,
} from '../schemas/account.schema.ts';
import { problems } from '../schemas/problem.schema.ts';

export interface AccountRoutesOptions {
  accounts: AccountService;
  tokenLifetimeSeconds: number;
  /** Mail has left the request's hands: the dispatcher may send it now instead of at its next round. */
  mailQueued: () => void;
  rateLimit: {
    /** Requests per client address within windowSeconds. */
    perClient: number;
    windowSeconds: number;
    /** Requests per e-mail or account within accountWindowSeconds: a mailbox is not flooded. */
    perAccount: number;
    accountWindowSeconds: number;
  };
}

const tooManyAttempts = (seconds: number): Problem => ({
  status: 429,
  code: 'TOO_MANY_REQUESTS',
  detail: messages.tooManyRequests(seconds),
});

const bearer = [{ bearerAuth: [] }];

/** The account's owner keeps it theirs: confirm the e-mail, reset or change the password, sign out (docs/accounts.md). */
export const accountRoutes: FastifyPluginAsyncZod<AccountRoutesOptions> = async (
  app,
  { accounts, tokenLifetimeSeconds, mailQueued, rateLimit },
) => {
  const perClient = (action: string) =>
    attemptLimiter(app, {
      max: rateLimit.perClient,
      windowSeconds: rateLimit.windowSeconds,
      key: (request) => `${action}|${clientKey(request)}`,
      problem: tooManyAttempts,
    });
  const perAccount = (action: string, key: (request: FastifyRequest) => string) =>
    attemptLimiter(app, {
      max: rateLimit.perAccount,
      windowSeconds: rateLimit.accountWindowSeconds,
      key: (request) => `${action}|${key(request)}`,
      problem: tooManyAttempts,
    });
  const byPlayer = (request: FastifyRequest) => request.playerId ?? '';
  const byMailbox = (request: FastifyRequest) => normalisedEmail(String((request.body as { email?: unknown }).email));
  const byLink = (request: FastifyRequest) => String((request.body as { token?: unknown }).token);

  app.get(
    '/auth/me',
    {
      preHandler: app.requirePlayer,
      schema: {
        tags: ['accounts'],
        summary: 'La cuenta autenticada, con el estado de su correo',
        security: bearer,
        response: { 200: me, ...problems(401, 403) },
      },
    },
    async function showAccount(request, reply) {
      const account = await accounts.me(request.playerId as string);
      if (!account) return reply.callNotFound();
      return {
        user_id: account.id,
        first_name: account.firstName,
        last_name: account.lastName,
        email: account.email,
        city: account.city,
        country: account.country,
        email_verified: account.emailVerified,
        vote_refusal: account.voteRefusal,
        role: account.role,
      };
    },
  );

  app.post(
    '/auth/verify-email',
    {
      preHandler: [perClient('verify'), perAccount('verify', byLink)],
      schema: {
        tags: ['accounts'],
        summary: 'Confirma el correo con el enlace enviado al registrarse',
        body: verifyEmailBody,
        response: { 200: accountMessage, ...problems(400, 415, 429) },
      },
    },
    async function verifyEmail(request) {
      await accounts.verifyEmail(request.body.token);
      return { message: accountSecurityTexts.emailVerified };
    },
  );

  app.post(
    '/auth/resend-verification',
    {
      preHandler: [app.requirePlayer, perClient('resend'), perAccount('resend', byPlayer)],
      schema: {
        tags: ['accounts'],
        summary: 'Envía un nuevo enlace de confirmación del correo',
        security: bearer,
        body: resendVerificationBody,
        response: { 202: accountMessage, ...problems(400, 401, 409, 429) },
      },
    },
    async function resendVerification(request, reply) {
      const email = await accounts.resendVerification(request.playerId as string, request.body?.return_to);
      mailQueued();
      return reply.code(202).send({ message: accountSecurityTexts.verificationSent(email) });
    },
  );

  app.post(
    '/auth/forgot-password',
    {
      preHandler: [perClient('forgot'), perAccount('forgot', byMailbox)],
      schema: {
        tags: ['accounts'],
        summary: 'Envía un enlace para restablecer la contraseña (siempre 202: no revela si la cuenta existe)',
        body: forgotPasswordBody,
        response: { 202: accountMessage, ...problems(400, 415, 429) },
      },
    },
    async function forgotPassword(request, reply) {
      await accounts.forgotPassword(request.body.email);
      mailQueued();
      return reply.code(202).send({ message: accountSecurityTexts.resetRequested });
    },
  );

  app.post(
    '/auth/reset-password',
    {
      preHandler: [perClient('reset'), perAccount('reset', byLink)],
      schema: {
        tags: ['accounts'],
        summary: 'Elige una contraseña nueva con el enlace recibido; cierra todas las sesiones',
        body: resetPasswordBody,
        response: { 200: accountMessage, ...problems(400, 415, 429) },
      },
    },
    async function resetPassword(request) {
      const { token, password1, password2 } = request.body;
      await accounts.resetPassword(token, { password1, password2 });
      return { message: accountSecurityTexts.passwordReset };
    },
  );

  app.post(
    '/auth/change-password',
    {
      preHandler: [app.requirePlayer, perClient('change'), perAccount('change', byPlayer)],
      schema: {
        tags: ['accounts'],
        summary: 'Cambia la contraseña; las demás sesiones se cierran y se entrega un token nuevo',
        security: bearer,
        body: changePasswordBody,
        response: { 200: passwordChanged, ...problems(400, 401, 415, 429) },
      },
    },
    async function changePassword(request) {
      const playerId = request.playerId as string;
      const { current_password, password1, password2 } = request.body;
      const generation = await accounts.changePassword(playerId, current_password, { password1, password2 });
      return {
        message: accountSecurityTexts.passwordChanged,
        access_token: app.issueToken({ playerId, generation }),
        token_type: 'Bearer' as const,
        expires_in: tokenLifetimeSeconds,
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      preHandler: app.requirePlayer,
      schema: {
        tags: ['accounts'],
        summary: 'Cierra esta sesión: el token deja de servir',
        security: bearer,
        response: { 204: z.null(), ...problems(401) },
      },
    },
    async function logOut(request, reply) {
      const token = request.token as NonNullable<FastifyRequest['token']>;
      await accounts.logOut(token.identity, token.expiresAt);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout-all',
    {
      preHandler: app.requirePlayer,
      schema: {
        tags: ['accounts'],
        summary: 'Cierra todas las sesiones de la cuenta',
        security: bearer,
        response: { 204: z.null(), ...problems(401) },
      },
    },
    async function logOutEverywhere(request, reply) {
      await accounts.logOutEverywhere(request.playerId as string);
      return reply.code(204).send(null);
    },
  );
};
