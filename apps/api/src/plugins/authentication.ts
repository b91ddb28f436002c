import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isId } from '@anb/core';
import { messages } from '../http/messages.ts';
import { HttpProblem } from '../http/problem.ts';

export interface AuthenticationOptions {
  secret: string;
  expiresInSeconds: number;
  /** Whether the token's player still has an account (a signed token outlives a reset database). */
  isRegistered(playerId: string): Promise<boolean>;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string };
    user: { sub: string };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler: rejects with 401 unless a valid bearer token names the player. */
    requirePlayer(request: FastifyRequest): Promise<void>;
    /** preHandler: identifies the player when a valid token is sent; anonymous otherwise. */
    identifyPlayer(request: FastifyRequest): Promise<void>;
    issueToken(playerId: string): string;
  }
  interface FastifyRequest {
    playerId: string | undefined;
  }
}

const missingToken = () => new HttpProblem({ status: 401, code: 'UNAUTHENTICATED', detail: messages.missingToken });
const invalidToken = () => new HttpProblem({ status: 401, code: 'INVALID_TOKEN', detail: messages.invalidToken });

export const authentication = fp(
  async function authentication(app: FastifyInstance, options: AuthenticationOptions) {
    await app.register(fastifyJwt, {
      secret: options.secret,
      sign: { algorithm: 'HS256', expiresIn: options.expiresInSeconds },
      // Only our algorithm: tokens with alg "none" or another algorithm never verify.
      verify: { algorithms: ['HS256'] },
    });
    app.decorateRequest('playerId', undefined);

    app.decorate('issueToken', (playerId: string) => app.jwt.sign({ sub: playerId }));

    app.decorate('requirePlayer', async (request: FastifyRequest) => {
      if (!hasBearerToken(request)) throw missingToken();
      request.playerId = await registeredPlayerId(request);
      if (!request.playerId) throw invalidToken();
    });

    app.decorate('identifyPlayer', async (request: FastifyRequest) => {
      if (hasBearerToken(request)) request.playerId = await registeredPlayerId(request);
    });

    async function registeredPlayerId(request: FastifyRequest): Promise<string | undefined> {
      const playerId = await verifiedPlayerId(request);
      return playerId && (await options.isRegistered(playerId)) ? playerId : undefined;
    }
  },
  { name: 'authentication' },
);

function hasBearerToken(request: FastifyRequest): boolean {
  return /^Bearer\s+\S+/i.test(request.headers.authorization ?? '');
}

async function verifiedPlayerId(request: FastifyRequest): Promise<string | undefined> {
  try {
    const { sub } = await request.jwtVerify<{ sub: unknown }>();
    return typeof sub === 'string' && isId(sub) ? sub : undefined;
  } catch {
    return undefined;
  }
}
