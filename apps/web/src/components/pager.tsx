import { Link } from '../lib/link.tsx';

interface PagerProps {
  page: number;
  /** Known when the API gives a total; otherwise `hasNext` says whether there is more. */
  pageCount?: number | undefined;
  hasNext: boolean;
  hrefFor(page: number): string;
}

/** Previous/next as real links, so paging survives a reload and the back button. */
export function Pager({ page, pageCount, hasNext, hrefFor }: PagerProps) {
  if (page === 1 && !hasNext) return null;
  return (
    <nav class="pager" aria-label="Paginación">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} rel="prev">
          ← Anterior
        </Link>
      ) : (
        <span class="pager-off" aria-hidden="true">
          ← Anterior
        </span>
      )}
      <span aria-current="page">{pageCount ? `Página ${page} de ${pageCount}` : `Página ${page}`}</span>
      {hasNext ? (
        <Link href={hrefFor(page + 1)} rel="next">
          Siguiente →
        </Link>
      ) : (
        <span class="pager-off" aria-hidden="true">
          Siguiente →
        </span>
      )}
    </nav>
  );
}

/** The page number from the query: anything odd is page 1. */
export function pageFrom(query: URLSearchParams): number {
  const page = Number(query.get('pagina'));
  return Number.isInteger(page) && page > 1 ? Math.min(page, 50_000) : 1;
}
