import { useState } from 'preact/hooks';
import { messageOf } from '../api/api-error.ts';
import { downloadResultsCsv, fetchResults } from '../api/admin.api.ts';
import type { Results } from '../api/admin-types.ts';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { formatShortContestDate } from '../lib/contest-time.ts';
import { formatVotes } from '../lib/format.ts';
import { saveFile } from '../lib/save-file.ts';
import { useRemote } from '../lib/use-remote.ts';

/** `/resultados`: the selected players of each city, with their e-mail, and the same as a CSV file. */
export function ResultsPage() {
  const { data, error, loading } = useRemote((signal) => fetchResults(signal), []);
  return (
    <Page title="Resultados por ciudad">
      <p class="lead">Los jugadores más votados de cada ciudad, con su correo para contactarlos.</p>
      <CsvDownload />
      {error && <Notice tone="error">{error}</Notice>}
      {loading && !data && <p role="status">Cargando resultados…</p>}
      {data && <ResultsView results={data} />}
    </Page>
  );
}

function CsvDownload() {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const download = async () => {
    setState({ busy: true });
    try {
      const { blob, fileName } = await downloadResultsCsv();
      saveFile(blob, fileName ?? 'resultados.csv');
      setState({ busy: false });
    } catch (failure) {
      setState({ busy: false, error: messageOf(failure) });
    }
  };
  return (
    <div class="download">
      <button type="button" class="button" disabled={state.busy} onClick={() => void download()}>
        {state.busy ? 'Preparando el archivo…' : 'Descargar CSV'}
      </button>
      {state.error && <Notice tone="error">{state.error}</Notice>}
    </div>
  );
}

function ResultsView({ results }: { results: Results }) {
  return (
    <>
      <p class={`ranking-status ${results.status === 'final' ? 'ranking-final' : ''}`}>
        <strong>{results.status === 'final' ? 'Resultados finales.' : 'Resultados provisionales.'}</strong>{' '}
        {results.status === 'final'
          ? 'La votación cerró: este es el orden definitivo.'
          : 'La votación sigue abierta y el orden puede cambiar.'}{' '}
        <span class="hint">Calculados el {formatShortContestDate(results.generated_at)}.</span>
      </p>
      {results.cities.length === 0 && <p>Todavía no hay jugadores con votos.</p>}
      {results.cities.map(({ city, players }, index) => (
        <section key={city} aria-labelledby={`results-city-${index}`}>
          <h2 id={`results-city-${index}`} class="results-title">
            {city}
          </h2>
          <div class="table-wrap">
            <table class="rankings">
              <caption>Seleccionados de {city}</caption>
              <thead>
                <tr>
                  <th scope="col">Posición</th>
                  <th scope="col">Jugador</th>
                  <th scope="col">Video</th>
                  <th scope="col" class="numeric">
                    Votos
                  </th>
                </tr>
              </thead>
              <tbody>
                {players.map((player) => (
                  <tr key={player.user_id}>
                    <td class="position">{player.position}</td>
                    <th scope="row">
                      {player.player}
                      <span class="email-line">{player.email}</span>
                    </th>
                    <td>
                      <a href={player.video_url} target="_blank" rel="noopener">
                        {player.video_title}
                      </a>
                    </td>
                    <td class="numeric">{formatVotes(player.votes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
