import { useEffect, useRef } from 'preact/hooks';

/** After "Siguiente"/"Anterior" the focus goes to the results' heading, not back to the page top. */
export function useFocusOnPageChange(page: number, headingId: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById(headingId)?.focus();
  }, [page]);
}
