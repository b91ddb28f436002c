import { escapeHtml } from './html-text.ts';
import { cardTitle, siteName, type VideoCard } from './video-card.ts';

/** A page other sites may frame: the video, its title, and a link to vote on its own page. */
export function renderEmbedPage(card: VideoCard): string {
  const title = escapeHtml(cardTitle(card));
  const poster = card.imageUrl ? ` poster="${escapeHtml(card.imageUrl)}"` : '';
  return `<!doctype html>
<html lang="es">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <link rel="canonical" href="${escapeHtml(card.pageUrl)}" />
    <title>${title} | ${siteName}</title>
    <style>
      html, body { margin: 0; height: 100%; background: #000; color: #fff; font: 16px system-ui, sans-serif; }
      body { display: flex; flex-direction: column; }
      video { flex: 1; width: 100%; min-height: 0; background: #000; }
      p { margin: 0; padding: 0.5rem 0.75rem; display: flex; gap: 0.75rem; align-items: center; justify-content: space-between; }
      a { color: #fca311; font-weight: 600; min-height: 44px; display: inline-flex; align-items: center; }
    </style>
  </head>
  <body>
    <video controls playsinline preload="metadata"${poster} src="${escapeHtml(card.videoUrl)}"></video>
    <p><span>${title}</span><a href="${escapeHtml(card.pageUrl)}" target="_blank" rel="noopener">Votar en ${siteName}</a></p>
  </body>
</html>
`;
}
