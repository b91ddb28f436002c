import { escapeHtml } from './html-text.ts';
import { cardDescription, cardTitle, siteName, type VideoCard } from './video-card.ts';

/**
 * The web app's page with a `<head>` for chat apps and search engines, which run no JavaScript:
 * Open Graph and Twitter tags for a published video, or `noindex` when there is none to show.
 * The body stays the web app's, which draws the page itself.
 */
export function renderVideoPage(shell: string, card: VideoCard | undefined): string {
  const tags = card ? cardTags(card) : ['<meta name="robots" content="noindex" />'];
  const title = card ? `${cardTitle(card)} | ${siteName}` : `Video no encontrado | ${siteName}`;
  return withHead(shell, escapeHtml(title), tags);
}

function cardTags(card: VideoCard): string[] {
  const title = cardTitle(card);
  const description = cardDescription(card);
  const meta = (attribute: 'property' | 'name', key: string, value: string) =>
    `<meta ${attribute}="${key}" content="${escapeHtml(value)}" />`;
  const image = card.imageUrl;
  return [
    `<link rel="canonical" href="${escapeHtml(card.pageUrl)}" />`,
    meta('name', 'description', description),
    meta('property', 'og:site_name', siteName),
    meta('property', 'og:locale', 'es_CO'),
    meta('property', 'og:type', 'video.other'),
    meta('property', 'og:title', title),
    meta('property', 'og:description', description),
    meta('property', 'og:url', card.pageUrl),
    ...(image
      ? [
          meta('property', 'og:image', image),
          meta('property', 'og:image:width', '1280'),
          meta('property', 'og:image:height', '720'),
          meta('property', 'og:image:alt', title),
        ]
      : []),
    meta('property', 'og:video', card.videoUrl),
    meta('property', 'og:video:type', 'video/mp4'),
    meta('property', 'og:video:width', '1280'),
    meta('property', 'og:video:height', '720'),
    meta('name', 'twitter:card', image ? 'summary_large_image' : 'summary'),
    meta('name', 'twitter:title', title),
    meta('name', 'twitter:description', description),
    ...(image ? [meta('name', 'twitter:image', image)] : []),
  ];
}

/** Replaces the shell's title and generic description, and adds the tags at the end of `<head>`. */
function withHead(shell: string, title: string, tags: string[]): string {
  return shell
    .replace(/<title>[^<]*<\/title>/, `<title>${title}</title>`)
    .replace(/<meta\s+name="description"[^>]*>\s*/, '')
    .replace('</head>', `${tags.map((tag) => `    ${tag}\n`).join('')}  </head>`);
}
