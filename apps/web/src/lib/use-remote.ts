import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api/api-error.ts';

interface Remote<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
}

/** Loads `fetcher` whenever `deps` change; a newer request aborts the older one so answers never cross. */
export function useRemote<T>(
  fetcher: (signal: AbortSignal) => Promise<T>,
  deps: unknown[],
): Remote<T> & { reload(): void } {
  const [state, setState] = useState<Remote<T>>({ data: undefined, error: undefined, loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    fetcher(controller.signal).then(
      (data) => setState({ data, error: undefined, loading: false }),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState((previous) => ({ ...previous, error: messageOf(error), loading: false }));
      },
    );
    return () => controller.abort();
  }, [...deps, round]);
  return { ...state, reload: () => setRound((count) => count + 1) };
}
