import { rankingRule } from '@anb/core/ranking-rule';
import { listRankings } from '../api/public.api.ts';
import type { RankingStatus } from '../api/types.ts';
import { CityFilter } from '../components/city-filter.tsx';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { Pager, pageFrom } from '../components/pager.tsx';
import { navigate, usePlace, withQuery } from '../lib/router.ts';
import { useFocusOnPageChange } from '../lib/use-focus-on-page-change.ts';
import { useRemote } from '../lib/use-remote.ts';
import { RankingsTable } from './rankings-table.tsx';

const PAGE_SIZE = 20;

export function RankingsPage() {
  const { query } = usePlace();
  const city = query.get('ciudad') ?? '';
  const page = pageFrom(query);
  // The API gives no total here: one row more than a page tells whether a next page exists.
  const { data, error, loading } = useRemote(
    (signal) => listRankings({ city: city || undefined, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }, signal),
    [city, page],
  );
  const players = data?.players.slice(0, PAGE_SIZE);
  const address = (changes: { ciudad?: string; pagina?: number }) =>
    withQuery('/ranking', { ciudad: city, ...changes });
  useFocusOnPageChange(page, 'rankings-results');

  return (
    <Page title="Ranking de jugadores">
      <p class="lead">Los jugadores más votados. Con los mismos votos comparten la posición.</p>
      {data && <RankingStatusNote status={data.status} />}
      <p class="hint">{rankingRule}</p>
      <CityFilter
        id="rankings-city"
        city={city}
        onApply={(next) => navigate(address({ ciudad: next, pagina: undefined }))}
      />
      <section aria-labelledby="rankings-results" aria-busy={loading}>
        <h2 id="rankings-results" class="results-title" tabIndex={-1}>
          {city ? `Ranking de ${city}` : 'Ranking general'}
        </h2>
        <p class="results-count" role="status">
          {loading && !data
            ? 'Cargando ranking…'
            : players?.length === 0
              ? 'Todavía no hay jugadores con votos aquí.'
              : ''}
        </p>
        {error && <Notice tone="error">{error}</Notice>}
        {players && players.length > 0 && (
          <RankingsTable players={players} caption={city ? `Jugadores de ${city} por votos` : 'Jugadores por votos'} />
        )}
        <Pager
          page={page}
          hasNext={(data?.players.length ?? 0) > PAGE_SIZE}
          hrefFor={(to) => address({ pagina: to })}
        />
      </section>
    </Page>
  );
}

/** Final once the votes have closed; until then the order can still change. */
function RankingStatusNote({ status }: { status: RankingStatus | undefined }) {
  return status === 'final' ? (
    <p class="ranking-status ranking-final">
      <strong>Resultados finales.</strong> La votación cerró y este es el orden definitivo.
    </p>
  ) : (
    <p class="ranking-status">
      <strong>Resultados provisionales.</strong> La votación sigue abierta y el orden puede cambiar.
    </p>
  );
}
