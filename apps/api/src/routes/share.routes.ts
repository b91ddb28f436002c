import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { PublicVideoNotFoundError, type PublicService, type PublishedVideoPageView } from '@anb/core';
import { absoluteUrl, videoPageUrl } from '../http/urls.ts';
import { renderEmbedPage } from '../share/embed-page.ts';
import type { VideoCard } from '../share/video-card.ts';
import { renderVideoPage } from '../share/video-page.ts';

export interface ShareRoutesOptions {
  publicArea: Pick<PublicService, 'findPublished' | 'openPoster'>;
  /** The web app's index.html, whose body draws the page; a bare shell when the app is not built. */
  shell: string;
}

// The page is the web app's index.html, whose hashed assets change with each release: revalidated
// every time, as index.html is. The embed has no assets of its own; posters change only when hidden.
const PAGE_CACHE = 'no-cache';
const EMBED_CACHE = 'public, max-age=60';
const POSTER_CACHE = 'public, max-age=300';

/**
 * The pages a shared link opens, whatever the `Accept` header: `/v/{id}` with its preview tags
 * rendered here, `/v/{id}/embed` for other sites' frames, and stable poster and video addresses
 * that last as long as the video is published (media links themselves are signed and expire).
 */
export const shareRoutes: FastifyPluginAsync<ShareRoutesOptions> = async (app, { publicArea, shell }) => {
  const cardOf = (video: PublishedVideoPageView): VideoCard => {
    const pageUrl = videoPageUrl(app.publicBaseUrl, video.id);
    return {
      title: video.title,
      playerName: video.playerName,
      city: video.city,
      votes: video.votes,
      pageUrl,
      imageUrl: video.posterKey ? `${pageUrl}/poster.jpg` : null,
      videoUrl: `${pageUrl}/video.mp4`,
    };
  };
  const published = (id: string) =>
    publicArea.findPublished(id, undefined).catch((error: unknown) => {
      if (error instanceof PublicVideoNotFoundError) return undefined;
      throw error;
    });

  app.get<{ Params: { video_id: string } }>(
    '/v/:video_id',
    { schema: { hide: true } },
    async function videoPage(request, reply) {
      const video = await published(request.params.video_id);
      return reply
        .code(video ? 200 : 404)
        .type('text/html; charset=utf-8')
        .header('cache-control', PAGE_CACHE)
        .send(renderVideoPage(shell, video && cardOf(video)));
    },
  );

  app.get<{ Params: { video_id: string } }>(
    '/v/:video_id/embed',
    { schema: { hide: true } },
    async function embedPage(request, reply) {
      const video = await published(request.params.video_id);
      if (!video) return reply.callNotFound();
      // The one page other sites may frame: helmet's frame guard was set on the raw response.
      reply.raw.removeHeader('x-frame-options');
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', EMBED_CACHE)
        .header('content-security-policy', embedPolicy(app.publicBaseUrl))
        .send(renderEmbedPage(cardOf(video)));
    },
  );

  app.get<{ Params: { video_id: string } }>(
    '/v/:video_id/poster.jpg',
    { logLevel: 'warn', schema: { hide: true } },
    async function poster(request, reply) {
      const image = await publicArea.openPoster(request.params.video_id);
      return reply.type('image/jpeg').header('cache-control', POSTER_CACHE).send(Readable.from(image));
    },
  );

  app.get<{ Params: { video_id: string } }>(
    '/v/:video_id/video.mp4',
    { logLevel: 'warn', schema: { hide: true } },
    async function video(request, reply) {
      const found = await publicArea.findPublished(request.params.video_id, undefined);
      // The media link of the moment: signed (and expiring) or on the CDN.
      return reply.header('cache-control', 'no-store').redirect(absoluteUrl(request, found.processedUrl), 302);
    },
  );
};

function embedPolicy(publicBaseUrl: string): string {
  const media = `'self' https: ${new URL(publicBaseUrl).origin}`;
  return [
    "default-src 'none'",
    `img-src ${media}`,
    `media-src ${media}`,
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
    'frame-ancestors *',
  ].join('; ');
}
