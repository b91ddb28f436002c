import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AuthService } from '@anb/core';
import { messages } from '../http/messages.ts';
import { loginBody, loginSucceeded, signupBody, signupCreated } from '../schemas/auth.schema.ts';
import { problems } from '../schemas/problem.schema.ts';

export interface AuthRoutesOptions {
  auth: AuthService;
  tokenLifetimeSeconds: number;
  /** Attempts per window: per client IP for signup, per IP and email for login. */
  rateLimit: { max: number; windowSeconds: number };
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (
  app,
  { auth, tokenLifetimeSeconds, rateLimit },
) => {
  const timeWindow = rateLimit.windowSeconds * 1000;

  app.post(
    '/auth/signup',
    {
      config: { invalidBodyDetail: messages.signupInvalid, rateLimit: { max: rateLimit.max, timeWindow } },
      schema: {
        tags: ['auth'],
        summary: 'Registra un jugador',
        body: signupBody,
        response: { 201: signupCreated, ...problems(400, 415, 429) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const userId = await auth.signUp({
        firstName: body.first_name,
        lastName: body.last_name,
        email: body.email,
        password1: body.password1,
        password2: body.password2,
        city: body.city,
        country: body.country,
      });
      return reply.code(201).send({ message: messages.signupCreated, user_id: userId });
    },
  );

  app.post(
    '/auth/login',
    {
      config: {
        rateLimit: {
          max: rateLimit.max,
          timeWindow,
          keyGenerator: (request) => `${request.ip}|${loginEmail(request.body)}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Inicia sesión y entrega un token JWT',
        body: loginBody,
        response: { 200: loginSucceeded, ...problems(400, 401, 415, 429) },
      },
    },
    async (request) => {
      const playerId = await auth.logIn(request.body.email, request.body.password);
      return {
        access_token: app.issueToken(playerId),
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
