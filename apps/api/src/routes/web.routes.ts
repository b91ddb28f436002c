import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Paths the web app never answers: the API, media, docs and the server-rendered share pages. */
const RESERVED = /^\/(api|media|docs|v)(\/|$)/;
/** A path naming a file (`/assets/app.js`, `/favicon.ico`): missing, it is a 404, not the app. */
const FILE_LIKE = /\/[^/]*\.[^/]*$/;

/**
 * The web app's built files at `/`; any other GET gets `index.html`, whatever it accepts, so the
 * app's own routes survive a reload and link previews (`Accept: *\/*`) get a page, not a problem.
 * API, media, docs and share paths are never shadowed.
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
      const requested = request.url.split('?')[0] ?? '';
      if (RESERVED.test(requested) || FILE_LIKE.test(requested)) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  });
}

const BARE_SHELL =
  '<!doctype html>\n<html lang="es">\n  <head>\n    <meta charset="utf-8" />\n    <title>ANB Rising Stars Showcase</title>\n  </head>\n  <body></body>\n</html>\n';

/** The web app's index.html, which server-rendered pages fill in; a bare page when the app is not built. */
export async function pageShell(webRoot: string | undefined): Promise<string> {
  return webRoot ? readFile(path.join(webRoot, 'index.html'), 'utf8') : BARE_SHELL;
}
