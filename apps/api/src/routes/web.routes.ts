import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The web app's built files at `/`; any other GET that asks for HTML gets `index.html`,
 * so the app's own routes survive a reload. API, media and docs paths are never shadowed.
 */
export async function webRoutes(app: FastifyInstance, { root }: { root: string }) {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    decorateReply: false,
  });
  await app.register(async (fallback) => {
    await fallback.register(fastifyStatic, { root, serve: false });
    fallback.get('/*', { schema: { hide: true } }, async function serveWebApp(request, reply) {
      const path = request.url.split('?')[0] ?? '';
      const reserved = /^\/(api|media|docs)(\/|$)/.test(path);
      if (reserved || !(request.headers.accept ?? '').includes('text/html')) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  });
}
