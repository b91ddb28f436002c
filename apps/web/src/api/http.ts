import { expireSession, getSession, type Session } from '../session/session.ts';
import { ApiError, networkError, problemFromBody } from './api-error.ts';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

export interface ApiAnswer<T> {
  data: T;
  headers: Headers;
}

/** Calls the API on this same origin, with the player's token when there is one. */
export async function callApi<T>(path: string, options: RequestOptions = {}): Promise<ApiAnswer<T>> {
  const { response, session } = await send(path, 'application/json', options);
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return { data: body as T, headers: response.headers };
  throw refusal(response, body, session);
}

/** A file the API makes for a signed-in user (a link cannot carry the bearer token), with its name. */
export async function downloadFromApi(path: string, accept: string): Promise<{ blob: Blob; fileName?: string }> {
  const { response, session } = await send(path, accept, {});
  if (!response.ok) throw refusal(response, await response.json().catch(() => undefined), session);
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition')) };
}

async function send(path: string, accept: string, options: RequestOptions) {
  const session = getSession();
  const headers: Record<string, string> = { accept };
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
    return { response, session };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
}

function refusal(response: Response, body: unknown, session: Session | null): ApiError {
  // Only the session that sent the request ends: a token replaced meanwhile (a new password) is still good.
  if (response.status === 401 && session && getSession()?.token === session.token) expireSession();
  return problemFromBody(response.status, body);
}

/** `attachment; filename="a.csv"` or RFC 6266's `filename*=UTF-8''…`, which wins when both are there. */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/.exec(disposition);
  return plain?.[1] ?? plain?.[2] ?? undefined;
}

export const isUnauthorized = (error: unknown) => error instanceof ApiError && error.status === 401;
