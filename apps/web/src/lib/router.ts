import { useEffect, useState } from 'preact/hooks';

/** Where the app is: the path picks the page, the query carries its filters and page number. */
export interface Place {
  path: string;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
window.addEventListener('popstate', notify);

const currentPlace = (): Place => ({ path: location.pathname, query: new URLSearchParams(location.search) });

export function navigate(to: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  notify();
}

export function usePlace(): Place {
  const [place, setPlace] = useState(currentPlace);
  useEffect(() => {
    const update = () => setPlace(currentPlace());
    listeners.add(update);
    return () => listeners.delete(update);
  }, []);
  return place;
}

/** The path plus the query, as a `volver` parameter carries it back after signing in. */
export const currentAddress = () => location.pathname + location.search;

/**
 * Only our own paths: `volver=//evil.example`, `/\evil.example` (browsers read `\` as `/`) or a
 * tab hidden in `/\t/evil.example` must not send the player elsewhere; the browser's own URL
 * parser decides what the value points at.
 */
export function safeReturnPath(value: string | null, fallback: string): string {
  if (!value?.startsWith('/')) return fallback;
  try {
    const target = new URL(value, location.origin);
    return target.origin === location.origin ? target.pathname + target.search + target.hash : fallback;
  } catch {
    return fallback;
  }
}

/** Builds `path?query` leaving out empty values, so addresses stay short and shareable. */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
