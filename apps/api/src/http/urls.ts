import type { FastifyRequest } from 'fastify';

/** Local-disk media URLs are origin-relative; clients get them absolute, on the host they called. */
export function absoluteUrl(request: FastifyRequest, url: string): string;
export function absoluteUrl(request: FastifyRequest, url: string | null): string | null;
export function absoluteUrl(request: FastifyRequest, url: string | null): string | null {
  if (url === null || !url.startsWith('/')) return url;
  return `${request.protocol}://${request.host}${url}`;
}
