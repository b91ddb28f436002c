import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** PUBLIC_BASE_URL: the origin of absolute URLs, from configuration, never from Host headers. */
    publicBaseUrl: string;
  }
}

/** Local-disk media URLs are origin-relative; clients get them absolute, on the configured public origin. */
export function absoluteUrl(request: FastifyRequest, url: string): string;
export function absoluteUrl(request: FastifyRequest, url: string | null): string | null;
export function absoluteUrl(request: FastifyRequest, url: string | null): string | null {
  if (url === null || !url.startsWith('/')) return url;
  return `${request.server.publicBaseUrl}${url}`;
}

/** The page of one published video (`/v/{id}`): what players share and link previews read. */
export function videoPageUrl(publicBaseUrl: string, videoId: string): string {
  return `${publicBaseUrl}/v/${videoId}`;
}
