import type { ComponentChildren } from 'preact';
import { listPublicVideos } from '../api/public.api.ts';
import type { PublicVideo } from '../api/types.ts';
import { CityFilter } from '../components/city-filter.tsx';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { Pager, pageFrom } from '../components/pager.tsx';
import { navigate, usePlace, withQuery } from '../lib/router.ts';
import { useFocusOnPageChange } from '../lib/use-focus-on-page-change.ts';
import { useRemote } from '../lib/use-remote.ts';
import { signUpToVote } from '../lib/video-address.ts';
import { useSession } from '../session/session.ts';
import { useOwnVideoIds } from './use-own-video-ids.ts';
import { VideoCard } from './video-card.tsx';

const PAGE_SIZE = 12;
const sorts = { votos: 'votes', recientes: 'recent' } as const;
type SortName = keyof typeof sorts;

interface GalleryPageProps {
  /** The page's heading; the home page names the contest. */
  title?: string;
  /** Shown above the filters, e.g. the contest's introduction. */
  intro?: ComponentChildren;
}

export function GalleryPage({ title = 'Videos de los jugadores', intro }: GalleryPageProps) {
  const { query } = usePlace();
  const session = useSession();
  const city = query.get('ciudad') ?? '';
  const sortName: SortName = query.get('orden') === 'votos' ? 'votos' : 'recientes';
  const page = pageFrom(query);
  const { data, error, loading } = useRemote(
    (signal) =>
      listPublicVideos(
        { city: city || undefined, sort: sorts[sortName], limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
        signal,
      ),
    [city, sortName, page, session?.token],
  );
  const address = (changes: { ciudad?: string; orden?: SortName; pagina?: number }) =>
    withQuery('/', { ciudad: city, orden: sortName === 'recientes' ? undefined : sortName, ...changes });
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : undefined;
  useFocusOnPageChange(page, 'gallery-results');
  const ownVideoIds = useOwnVideoIds();

  // The same way in as from a shared link: sign up (or in), then the video's page casts the vote.
  const askToSignUp = (video: PublicVideo) => signUpToVote(video.video_id);

  return (
    <Page title={title}>
      {intro}
      <p class="lead">Mira las mejores jugadas de la ANB y vota por tus favoritas: un voto por video.</p>
      <CityFilter
        id="gallery-city"
        city={city}
        onApply={(next) => navigate(address({ ciudad: next, pagina: undefined }))}
      >
        <div class="field">
          <label for="gallery-sort">Ordenar por</label>
          <select
            id="gallery-sort"
            value={sortName}
            onChange={(event) => navigate(address({ orden: event.currentTarget.value as SortName, pagina: undefined }))}
          >
            <option value="recientes">Más recientes</option>
            <option value="votos">Más votados</option>
          </select>
        </div>
      </CityFilter>
      <section aria-labelledby="gallery-results" aria-busy={loading}>
        <h2 id="gallery-results" class="results-title" tabIndex={-1}>
          {city ? `Videos de ${city}` : 'Todos los videos'}
        </h2>
        <p class="results-count" role="status">
          {loading && !data ? 'Cargando videos…' : data ? resultsSummary(data.total, page, pageCount ?? 1) : ''}
        </p>
        {error && <Notice tone="error">{error}</Notice>}
        {data && data.videos.length > 0 && (
          <ul class="gallery">
            {data.videos.map((video) => (
              <VideoCard
                key={video.video_id}
                video={video}
                signedIn={!!session}
                mine={ownVideoIds.has(video.video_id)}
                onSignInNeeded={askToSignUp}
              />
            ))}
          </ul>
        )}
        <Pager
          page={page}
          pageCount={pageCount}
          hasNext={!!pageCount && page < pageCount}
          hrefFor={(to) => address({ pagina: to })}
        />
      </section>
    </Page>
  );
}

function resultsSummary(total: number, page: number, pageCount: number): string {
  if (total === 0) return 'Todavía no hay videos publicados aquí.';
  const count = total === 1 ? '1 video publicado' : `${total.toLocaleString('es-CO')} videos publicados`;
  return pageCount > 1 ? `${count} · página ${page} de ${pageCount}` : count;
}
