import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api/api-error.ts';
import type { OwnVideo } from '../api/types.ts';
import { ProgressBar } from '../components/progress-bar.tsx';
import { VideoPlayer } from '../components/video-player.tsx';
import { formatDate } from '../lib/format.ts';
import { VideoStatusBadge } from './video-status.tsx';

interface OwnVideoItemProps {
  video: OwnVideo;
  onDelete(video: OwnVideo): Promise<void>;
}

/** One of the player's videos; withdrawing one not yet published asks for confirmation first. */
export function OwnVideoItem({ video, onDelete }: OwnVideoItemProps) {
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
