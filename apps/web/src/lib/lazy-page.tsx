import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Notice } from '../components/notice.tsx';

/** A page whose code is fetched the first time it is shown (once; a failed load is tried again next time). */
export function lazyPage(load: () => Promise<ComponentType>): ComponentType {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  return function LazyPage() {
    const [Page, setPage] = useState<ComponentType | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Page) return;
      let shown = true;
      loading ??= load();
      loading.then(
        (page) => {
          loaded = page;
          if (shown) setPage(() => page);
        },
        () => {
          loading = undefined;
          if (shown) setFailed(true);
        },
      );
      return () => {
        shown = false;
      };
    }, []);
    if (failed)
      return <Notice tone="error">No se pudo cargar esta página. Revisa tu conexión y vuelve a intentarlo.</Notice>;
    return Page ? <Page /> : <p role="status">Cargando…</p>;
  };
}
