import type { HelmetOptions } from 'helmet';

/** The security headers of every answer (helmet's defaults, with these changes). */
export function securityPolicy(publicBaseUrl: string): HelmetOptions {
  const publicOrigin = new URL(publicBaseUrl).origin;
  return {
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    contentSecurityPolicy: {
      directives: {
        // Videos and posters come from S3 presigned URLs, or from PUBLIC_BASE_URL, which need not be
        // the name the page was opened under (127.0.0.1 and localhost are two origins).
        'img-src': ["'self'", 'data:', 'blob:', 'https:', publicOrigin],
        'media-src': ["'self'", 'blob:', 'https:', publicOrigin],
        // Served over plain HTTP on a laptop; TLS ends at the load balancer in production.
        'upgrade-insecure-requests': null,
      },
    },
  };
}
