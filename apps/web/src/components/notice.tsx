import type { ComponentChildren } from 'preact';

/** A message in a polite live region: announced when it appears, without stealing the focus. */
export function Notice({
  children,
  tone = 'info',
}: {
  children: ComponentChildren;
  tone?: 'info' | 'success' | 'error';
}) {
  return (
    <div class={`notice notice-${tone}`} role="status">
      {children}
    </div>
  );
}
