import { fetchVoteProfile } from '../api/admin.api.ts';
import type { VoteProfile } from '../api/admin-types.ts';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { formatShortContestDate } from '../lib/contest-time.ts';
import { Link } from '../lib/link.tsx';
import { usePlace } from '../lib/router.ts';
import { useRemote } from '../lib/use-remote.ts';
import { UserLookup } from './user-lookup.tsx';

const numbers = new Intl.NumberFormat('es-CO');
const percent = new Intl.NumberFormat('es-CO', { style: 'percent', maximumFractionDigits: 0 });

/** `/moderacion/votos?video=`: how a video's votes came in, to tell a following from a burst of new accounts. */
export function VoteProfilePage() {
  const videoId = usePlace().query.get('video') ?? '';
  const { data, error, loading } = useRemote(
    (signal) => (videoId ? fetchVoteProfile(videoId, signal) : Promise.resolve(undefined)),
    [videoId],
  );
  return (
    <Page title={data ? `Votos de «${data.title}»` : 'Perfil de votos'}>
      <p>
        <Link href="/moderacion">← Volver a Moderación</Link>
      </p>
      {!videoId && <p>Elige un video en Moderación para ver cómo recibió sus votos.</p>}
      {error && <Notice tone="error">{error}</Notice>}
      {loading && videoId && !data && <p role="status">Cargando los votos…</p>}
      {data && <ProfileView profile={data} />}
      <section aria-labelledby="profile-user-title">
        <h2 id="profile-user-title" class="results-title">
          Buscar un votante o jugador
        </h2>
        <UserLookup idPrefix="profile-user" />
      </section>
    </Page>
  );
}

function ProfileView({ profile }: { profile: VoteProfile }) {
  const peak = Math.max(1, ...profile.per_hour.map((hour) => hour.votes));
  return (
    <>
      <dl class="account-details vote-summary">
        <dt>Votos</dt>
        <dd>{numbers.format(profile.total)}</dd>
        <dt>Contados</dt>
        <dd>{numbers.format(profile.counted)}</dd>
        <dt>Anulados</dt>
        <dd>{numbers.format(profile.voided)}</dd>
        <dt>De correos confirmados</dt>
        <dd>
          {numbers.format(profile.verified)} ({percent.format(profile.verified_share)})
        </dd>
        <dt>De cuentas nuevas</dt>
        <dd>
          {numbers.format(profile.new_accounts)} <span class="hint">(creadas menos de 24 h antes de votar)</span>
        </dd>
      </dl>
      <section aria-labelledby="per-hour-title">
        <h2 id="per-hour-title" class="results-title">
          Votos por hora
        </h2>
        {profile.per_hour.length === 0 ? (
          <p>Todavía no tiene votos.</p>
        ) : (
          <div class="table-wrap">
            <table class="rankings">
              <caption>Votos recibidos en cada hora (hora de Colombia)</caption>
              <thead>
                <tr>
                  <th scope="col">Hora</th>
                  <th scope="col" class="numeric">
                    Votos
                  </th>
                  <th scope="col" class="city-column">
                    <span class="visually-hidden">Proporción</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {profile.per_hour.map((hour) => (
                  <tr key={hour.hour}>
                    <th scope="row">{formatShortContestDate(hour.hour)}</th>
                    <td class="numeric">{numbers.format(hour.votes)}</td>
                    <td class="city-column">
                      <meter min={0} max={peak} value={hour.votes} aria-hidden="true" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="networks-title">
        <h2 id="networks-title" class="results-title">
          Redes de registro de los votantes
        </h2>
        {profile.signup_networks.length === 0 ? (
          <p>Sin datos de red de registro.</p>
        ) : (
          <div class="table-wrap">
            <table class="rankings">
              <caption>Votos según la red desde la que se creó la cuenta del votante</caption>
              <thead>
                <tr>
                  <th scope="col">Red</th>
                  <th scope="col" class="numeric">
                    Votos
                  </th>
                </tr>
              </thead>
              <tbody>
                {profile.signup_networks.map((network) => (
                  <tr key={network.network}>
                    <th scope="row">
                      <code>{network.network}</code>
                    </th>
                    <td class="numeric">{numbers.format(network.votes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
