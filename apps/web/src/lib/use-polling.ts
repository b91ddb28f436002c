import { useEffect, useRef } from 'preact/hooks';

/**
 * Runs `task` every `intervalMs` while `active`, never overlapping, and skips turns while the
 * tab is hidden (a phone in a pocket should not keep asking).
 */
export function usePolling(task: () => Promise<void>, intervalMs: number, active: boolean): void {
  const latest = useRef(task);
  latest.current = task;
  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    const tick = async () => {
      if (!document.hidden) await latest.current().catch(() => undefined);
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    timer = setTimeout(tick, intervalMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, intervalMs]);
}
