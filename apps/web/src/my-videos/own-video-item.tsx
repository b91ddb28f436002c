import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api/api-error.ts';
import type { OwnVideo } from '../api/types.ts';
import { ProgressBar } from '../components/progress-bar.tsx';
import { ShareControl } from '../components/share-control.tsx';
import { VideoPlayer } from '../components/video-player.tsx';
import { formatDate, formatVotes } from '../lib/format.ts';
import { Link } from '../lib/link.tsx';
import { videoPagePath } from '../lib/video-address.ts';
import { VideoStatusBadge } from './video-status.tsx';

interface OwnVideoItemProps {
  video: OwnVideo;
  /** The player's city, where their ranking position is counted. */
  city: string | undefined;
  onDelete(video: OwnVideo): Promise<void>;
}

/** One of the player's videos; withdrawing one not yet published asks for confirmation first. */
export function OwnVideoItem({ video, city, onDelete }: OwnVideoItemProps) {
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const cancelButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  const titleId = `video-${video.video_id}-title`;

  // The safe choice takes the focus when the question appears; it goes back to "Eliminar" after.
  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
    else if (wasConfirming.current) deleteButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const confirmDelete = async () => {
    setDeleting(true);
    setError(undefined);
    try {
      await onDelete(video);
    } catch (failure) {
      setError(messageOf(failure));
      setConfirming(false);
      setDeleting(false);
    }
  };

  return (
    <li class="own-video" aria-labelledby={titleId}>
      <div class="own-video-media">
        {video.status === 'processed' && video.processed_url ? (
          <VideoPlayer src={video.processed_url} poster={video.poster_url} title={video.title} />
        ) : (
          <div class="media-placeholder" aria-hidden="true" />
        )}
      </div>
      <div class="own-video-body">
        <h2 id={titleId} class="card-title">
          {video.title}
        </h2>
        <p class="meta">Subido el {formatDate(video.uploaded_at)}</p>
        <VideoStatusBadge video={video} />
        {video.status === 'processed' && <PublishedStanding video={video} city={city} />}
        {video.status === 'processing' && video.progress !== undefined && (
          <ProgressBar
            id={`video-${video.video_id}-progress`}
            label={`Avance del procesamiento de «${video.title}»`}
            fraction={video.progress / 100}
          />
        )}
        {error && (
          <p class="field-error" role="alert">
            {error}
          </p>
        )}
        {video.status !== 'processed' && !confirming && (
          <button ref={deleteButton} type="button" class="button danger-outline" onClick={() => setConfirming(true)}>
            Eliminar <span class="visually-hidden">«{video.title}»</span>
          </button>
        )}
        {confirming && (
          <div class="confirm" role="group" aria-label="Confirmar eliminación">
            <p>¿Eliminar «{video.title}»? Esta acción no se puede deshacer.</p>
            <button type="button" class="button danger" disabled={deleting} onClick={() => void confirmDelete()}>
              {deleting ? 'Eliminando…' : 'Sí, eliminar'}
            </button>
            <button
              ref={cancelButton}
              type="button"
              class="button"
              disabled={deleting}
              onClick={() => setConfirming(false)}
            >
              Cancelar
            </button>
          </div>
        )}
      </div>
    </li>
  );
}

/** A published video's votes, the player's place in their city and the page to share, to ask for more votes. */
function PublishedStanding({ video, city }: { video: OwnVideo; city: string | undefined }) {
  return (
    <>
      {video.votes !== undefined && (
        <p class="own-standing">
          <strong>{formatVotes(video.votes)}</strong>
          {video.position != null && ` · Puesto ${video.position} en ${city ?? 'tu ciudad'}`}
        </p>
      )}
      {video.page_url && (
        <>
          <p>
            <Link href={videoPagePath(video.video_id)} class="action-link">
              Ver la página del video <span class="visually-hidden">«{video.title}»</span>
            </Link>
          </p>
          <ShareControl
            url={video.page_url}
            title={video.title}
            text={`Vota por mi video «${video.title}» en ANB Rising Stars`}
          />
        </>
      )}
    </>
  );
}
