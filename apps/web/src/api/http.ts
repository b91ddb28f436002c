import { expireSession, getSession } from '../session/session.ts';
import { ApiError, networkError, problemFromBody } from './api-error.ts';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

export interface ApiAnswer<T> {
  data: T;
  headers: Headers;
}

/** Calls the API on this same origin, with the player's token when there is one. */
export async function callApi<T>(path: string, options: RequestOptions = {}): Promise<ApiAnswer<T>> {
  const session = getSession();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return { data: body as T, headers: response.headers };
  // Only the session that sent the request ends: a token replaced meanwhile (a new password) is still good.
  if (response.status === 401 && session && getSession()?.token === session.token) expireSession();
  throw problemFromBody(response.status, body);
}

export const isUnauthorized = (error: unknown) => error instanceof ApiError && error.status === 401;
