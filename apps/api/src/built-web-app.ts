import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The web app's build output (`apps/web/dist`), when it has been built; the API serves it at `/`. */
export function builtWebApp(): string | undefined {
  const dist = fileURLToPath(new URL('../../web/dist', import.meta.url));
  return existsSync(`${dist}/index.html`) ? dist : undefined;
}
