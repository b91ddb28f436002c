import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isId, newId, type TokenIdentity } from '@anb/core';
import { messages } from '../http/messages.ts';
import { HttpProblem } from '../http/problem.ts';

export interface AuthenticationOptions {
  secret: string;
  expiresInSeconds: number;
  /**
   * Whether a valid signature is still honoured: the account exists (a token outlives a reset database),
   * its generation is current (no reset, change or sign-out everywhere since) and it was not signed out.
   */
  isHonoured(token: TokenIdentity): Promise<boolean>;
}

/** `sub` the player, `gen` the account's token generation at issue, `jti` the token's own id. */
interface Claims {
  sub: string;
  gen: number;
  jti: string;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: Claims;
    user: Claims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler: rejects with 401 unless a valid bearer token names the player. */
    requirePlayer(request: FastifyRequest): Promise<void>;
    /** preHandler: identifies the player when a valid token is sent; anonymous otherwise. */
    identifyPlayer(request: FastifyRequest): Promise<void>;
    issueToken(account: { playerId: string; generation: number }): string;
  }
  interface FastifyRequest {
    playerId: string | undefined;
    /** The honoured token's identity and expiry, for signing out. */
    token: { identity: TokenIdentity; expiresAt: Date } | undefined;
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
    app.decorateRequest('token', undefined);

    app.decorate('issueToken', ({ playerId, generation }: { playerId: string; generation: number }) =>
      app.jwt.sign({ sub: playerId, gen: generation, jti: newId() }),
    );

    app.decorate('requirePlayer', async (request: FastifyRequest) => {
      if (!hasBearerToken(request)) throw missingToken();
      await identify(request);
      if (!request.playerId) throw invalidToken();
    });

    app.decorate('identifyPlayer', async (request: FastifyRequest) => {
      if (hasBearerToken(request)) await identify(request);
    });

    async function identify(request: FastifyRequest): Promise<void> {
      const token = await verifiedToken(request);
      if (!token || !(await options.isHonoured(token.identity))) return;
      request.playerId = token.identity.playerId;
      request.token = token;
    }
  },
  { name: 'authentication' },
);

function hasBearerToken(request: FastifyRequest): boolean {
  return /^Bearer\s+\S+/i.test(request.headers.authorization ?? '');
}

/** A token with a valid signature and every claim we issue; one from before sign-out existed has no `gen`. */
async function verifiedToken(request: FastifyRequest): Promise<FastifyRequest['token']> {
  try {
    const { sub, gen, jti, exp } = await request.jwtVerify<{
      sub: unknown;
      gen: unknown;
      jti: unknown;
      exp: unknown;
    }>();
    if (typeof sub !== 'string' || !isId(sub) || typeof jti !== 'string' || !isId(jti)) return undefined;
    if (typeof gen !== 'number' || !Number.isInteger(gen) || typeof exp !== 'number') return undefined;
    return { identity: { playerId: sub, generation: gen, tokenId: jti }, expiresAt: new Date(exp * 1000) };
  } catch {
    return undefined;
  }
}
