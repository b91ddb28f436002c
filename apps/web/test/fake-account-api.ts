import type { Account } from '../src/api/types.ts';
import { vi } from 'vitest';

/** One request as the fake API received it. */
export interface ReceivedRequest {
  route: string;
  /** The whole address, for its query. */
  url: URL;
  body: unknown;
  authorization: string | undefined;
}

type Answer = (request: ReceivedRequest) => Response | Promise<Response>;

/**
 * The API as the pages see it: answers by `METHOD /path`, every request recorded. A route with no answer gets a
 * 404 problem, so a request the test did not expect shows up as a failure instead of hanging.
 */
export function stubAccountApi(answers: Record<string, Answer>) {
  const requests: ReceivedRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const headers = (init.headers ?? {}) as Record<string, string>;
      const url = new URL(input, 'http://localhost');
      const request: ReceivedRequest = {
        route: `${init.method ?? 'GET'} ${url.pathname}`,
        url,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
        authorization: headers.authorization,
      };
      requests.push(request);
      const answer = answers[request.route];
      return answer ? answer(request) : problem(404, 'NOT_STUBBED', `Sin respuesta para ${request.route}`);
    }),
  );
  return { requests, to: (route: string) => requests.filter((request) => request.route === route) };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const problem = (status: number, code: string, detail: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'Error', status, detail, code }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

export const noContent = () => new Response(null, { status: 204 });

export const anAccount = (changes: Partial<Account> = {}): Account => ({
  user_id: 'u1',
  first_name: 'Ana',
  last_name: 'Pérez',
  email: 'ana@ejemplo.com',
  city: 'Bogotá',
  country: 'Colombia',
  email_verified: false,
  vote_refusal: 'EMAIL_NOT_VERIFIED',
  ...changes,
});

/** The account as `GET /api/auth/me` tells it, changeable between requests. */
export function meAnswering(initial: Account) {
  let current = initial;
  return {
    answer: () => json(200, current),
    change: (changes: Partial<Account>) => (current = { ...current, ...changes }),
  };
}
