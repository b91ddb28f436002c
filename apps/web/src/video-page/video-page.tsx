import { useState } from 'preact/hooks';
import { fetchSharedVideo } from '../api/public.api.ts';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { takeFlash } from '../lib/flash.ts';
import { Link } from '../lib/link.tsx';
import { usePlace } from '../lib/router.ts';
import { useRemote } from '../lib/use-remote.ts';
import { videoIdOf } from '../lib/video-address.ts';
import { useSession } from '../session/session.ts';
import { SharedVideoView } from './shared-video-view.tsx';

/** `/v/{id}`, the address players share: the server has already drawn its preview card, this draws the page. */
export function VideoPage() {
  const videoId = videoIdOf(usePlace().path) ?? '';
  const token = useSession()?.token;
  // Asked again with each new token: whether it is the viewer's own video, or already voted, depends on who asks.
  const { data, error, loading, reload } = useRemote((signal) => fetchSharedVideo(videoId, signal), [videoId, token]);
  // Why the visitor landed here (a new account, a confirmed e-mail), said once.
  const [notice] = useState(takeFlash);

  if (data === null) return <VideoNotFound />;
  if (!data) {
    return (
      <Page title="Video">
        {error ? (
          <>
            <Notice tone="error">{error}</Notice>
            <button type="button" class="button" onClick={reload}>
              Intentar de nuevo
            </button>
          </>
        ) : (
          <p class="loading">Cargando el video…</p>
        )}
      </Page>
    );
  }
  return (
    <Page title={data.title}>
      {notice && <Notice tone="success">{notice}</Notice>}
      {/* Answered for this very token, and not being asked again: only then may the page vote by itself. */}
      <SharedVideoView video={data} current={!loading && (!token || data.voted_by_me !== undefined)} />
    </Page>
  );
}

function VideoNotFound() {
  return (
    <Page title="Video no encontrado">
      <p>Este video no existe o ya no está publicado.</p>
      <p>
        <Link href="/" class="button">
          Ver los videos del concurso
        </Link>
      </p>
    </Page>
  );
}
