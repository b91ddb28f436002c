import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  AccountSuspendedError,
  isId,
  newId,
  organiserTexts,
  type AuditActor,
  type HonouredAccount,
  type TokenIdentity,
} from '@anb/core';
import { messages } from '../http/messages.ts';
import { HttpProblem } from '../http/problem.ts';

export interface AuthenticationOptions {
  secret: string;
  expiresInSeconds: number;
  /**
   * The account behind a valid signature, when the token is still honoured: the account exists (a token
   * outlives a reset database), its generation is current (no reset, change or sign-out everywhere since)
   * and it was not signed out. Asked on every request, so role and suspension apply at once.
   */
  honouredAccount(token: TokenIdentity): Promise<HonouredAccount | undefined>;
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
    /** preHandler: 401 without a valid token, 403 unless the account is an organiser's. */
    requireOrganiser(request: FastifyRequest): Promise<void>;
    issueToken(account: { playerId: string; generation: number }): string;
  }
  interface FastifyRequest {
    playerId: string | undefined;
    /** The honoured token's identity and expiry, for signing out. */
    token: { identity: TokenIdentity; expiresAt: Date } | undefined;
    /** Who the organiser is, for the audit log; set by requireOrganiser. */
    organiser: AuditActor | undefined;
    /** The signed-in account as the token check read it (set with playerId). */
    account: HonouredAccount | undefined;
  }
}

const missingToken = () => new HttpProblem({ status: 401, code: 'UNAUTHENTICATED', detail: messages.missingToken });
const invalidToken = () => new HttpProblem({ status: 401, code: 'INVALID_TOKEN', detail: messages.invalidToken });
const forbidden = () => new HttpProblem({ status: 403, code: 'FORBIDDEN', detail: organiserTexts.forbidden });

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
    app.decorateRequest('organiser', undefined);
    app.decorateRequest('account', undefined);

    app.decorate('issueToken', ({ playerId, generation }: { playerId: string; generation: number }) =>
      app.jwt.sign({ sub: playerId, gen: generation, jti: newId() }),
    );

    app.decorate('requirePlayer', async (request: FastifyRequest) => {
      await requireAccount(request);
    });

    app.decorate('identifyPlayer', async (request: FastifyRequest) => {
      if (!hasBearerToken(request)) return;
      const account = await identify(request);
      // A suspended account browses as anyone does.
      if (account?.suspended) request.playerId = request.token = request.account = undefined;
    });

    app.decorate('requireOrganiser', async (request: FastifyRequest) => {
      const account = await requireAccount(request);
      if (account.role !== 'organiser') throw forbidden();
      request.organiser = { userId: request.playerId as string, email: account.email };
    });

    async function requireAccount(request: FastifyRequest): Promise<HonouredAccount> {
      if (!hasBearerToken(request)) throw missingToken();
      const account = await identify(request);
      if (!account) throw invalidToken();
      if (account.suspended) throw new AccountSuspendedError('account suspended');
      return account;
    }

    async function identify(request: FastifyRequest): Promise<HonouredAccount | undefined> {
      const token = await verifiedToken(request);
      const account = token && (await options.honouredAccount(token.identity));
      if (!token || !account) return undefined;
      request.playerId = token.identity.playerId;
      request.token = token;
      request.account = account;
      return account;
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
