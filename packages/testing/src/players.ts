import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { SignupRequest } from '@anb/core';
import { expect } from 'vitest';

export type SignupBody = SignupRequest;

export function signupBody(overrides: Partial<SignupBody> = {}): SignupBody {
  return {
    first_name: 'Ana',
    last_name: 'Pérez',
    email: `ana.${randomUUID()}@example.com`,
    password1: 'StrongPass123',
    password2: 'StrongPass123',
    city: 'Bogotá',
    country: 'Colombia',
    ...overrides,
  };
}

export interface Player {
  id: string;
  email: string;
  token: string;
  auth: { authorization: string };
}

/** Where the requests come from: the TCP peer, and what a proxy in front forwarded. */
export interface Origin {
  peer: string;
  forwardedFor?: string;
}

const fromOrigin = (origin: Origin | undefined) =>
  origin
    ? { remoteAddress: origin.peer, headers: origin.forwardedFor ? { 'x-forwarded-for': origin.forwardedFor } : {} }
    : {};

/** Signs a player up and logs them in through the API itself. */
export async function newPlayer(
  app: FastifyInstance,
  overrides: Partial<SignupBody> = {},
  origin?: Origin,
): Promise<Player> {
  const body = signupBody(overrides);
  const signup = await app.inject({ method: 'POST', url: '/api/auth/signup', payload: body, ...fromOrigin(origin) });
  expect(signup.statusCode, signup.body).toBe(201);
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: body.email, password: body.password1 },
    ...fromOrigin(origin),
  });
  expect(login.statusCode, login.body).toBe(200);
  const token = login.json().access_token as string;
  return { id: signup.json().user_id, email: body.email, token, auth: { authorization: `Bearer ${token}` } };
}
