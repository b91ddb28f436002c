import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { normalisedEmail, type AuthService } from '@anb/core';
import { attemptLimiter, clientKey } from '../http/attempt-limit.ts';
import { clientAddress } from '../http/client-address.ts';
import { messages } from '../http/messages.ts';
import type { Problem } from '../http/problem.ts';
import { loginBody, loginSucceeded, signupBody, signupCreated } from '../schemas/auth.schema.ts';
import { problems } from '../schemas/problem.schema.ts';

export interface AuthRoutesOptions {
  auth: AuthService;
  tokenLifetimeSeconds: number;
  rateLimit: {
    /** Signups per client; logins per client and email. */
    max: number;
    /** Logins per client whatever the email: a looser cap against credential stuffing. */
    loginsPerClient: number;
    windowSeconds: number;
    /** Sign-ups per mailbox within accountWindowSeconds: one address cannot be probed or flooded. */
    perMailbox: number;
    accountWindowSeconds: number;
  };
}

const tooManyAttempts = (seconds: number): Problem => ({
  status: 429,
  code: 'TOO_MANY_REQUESTS',
  detail: messages.tooManyRequests(seconds),
});

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (
  app,
  { auth, tokenLifetimeSeconds, rateLimit },
) => {
  const { windowSeconds } = rateLimit;
  const signupsPerClient = attemptLimiter(app, {
    max: rateLimit.max,
    windowSeconds,
    key: (request) => `signup|${clientKey(request)}`,
    problem: tooManyAttempts,
  });
  const signupsPerMailbox = attemptLimiter(app, {
    max: rateLimit.perMailbox,
    windowSeconds: rateLimit.accountWindowSeconds,
    key: (request) => `signup|${normalisedEmail(loginEmail(request.body))}`,
    problem: tooManyAttempts,
  });
  // Counted once the body is parsed, so one person's typos do not lock out others behind the same address.
  const loginsPerClientAndEmail = attemptLimiter(app, {
    max: rateLimit.max,
    windowSeconds,
    key: (request) => `login|${clientKey(request)}|${loginEmail(request.body)}`,
    problem: tooManyAttempts,
  });
  const loginsPerClient = attemptLimiter(app, {
    max: rateLimit.loginsPerClient,
    windowSeconds,
    key: (request) => `login|${clientKey(request)}`,
    problem: tooManyAttempts,
  });

  app.post(
    '/auth/signup',
    {
      config: { invalidBodyDetail: messages.signupInvalid },
      preHandler: [signupsPerClient, signupsPerMailbox],
      schema: {
        tags: ['auth'],
        summary: 'Registra un jugador',
        body: signupBody,
        response: { 201: signupCreated, ...problems(400, 415, 429) },
      },
    },
    async function signUp(request, reply) {
      const body = request.body;
      const userId = await auth.signUp({
        firstName: body.first_name,
        lastName: body.last_name,
        email: body.email,
        password1: body.password1,
        password2: body.password2,
        city: body.city,
        country: body.country,
        clientAddress: clientAddress(request.ip),
        returnTo: body.return_to,
      });
      return reply.code(201).send({ message: messages.signupCreated, user_id: userId });
    },
  );

  app.post(
    '/auth/login',
    {
      preHandler: [loginsPerClientAndEmail, loginsPerClient],
      schema: {
        tags: ['auth'],
        summary: 'Inicia sesión y entrega un token JWT',
        body: loginBody,
        response: { 200: loginSucceeded, ...problems(400, 401, 415, 429) },
      },
    },
    async function logIn(request) {
      const account = await auth.logIn(request.body.email, request.body.password);
      return {
        access_token: app.issueToken(account),
        token_type: 'Bearer' as const,
        expires_in: tokenLifetimeSeconds,
      };
    },
  );
};

function loginEmail(body: unknown): string {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}
