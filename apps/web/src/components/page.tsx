import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

/**
 * A page's heading and document title. The heading takes the focus after each navigation
 * (tabIndex -1), so a screen reader announces the new page and Tab starts from there.
 */
export function Page({ title, children }: { title: string; children: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · ANB Rising Stars`;
  }, [title]);
  return (
    <>
      <h1 class="page-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </>
  );
}
