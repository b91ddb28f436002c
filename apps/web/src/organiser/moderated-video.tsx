import type { ComponentChildren } from 'preact';
import { dismissReports, hideVideo, restoreVideo } from '../api/admin.api.ts';
import type { AdminVideoStatus, VideoOwner } from '../api/admin-types.ts';
import { VideoPlayer } from '../components/video-player.tsx';
import { Link } from '../lib/link.tsx';
import { withQuery } from '../lib/router.ts';
import { ConfirmWithReason } from './confirm-with-reason.tsx';

export const adminStatusLabels: Record<AdminVideoStatus, string> = {
  uploaded: 'En cola',
  processing: 'Procesando',
  processed: 'Publicado',
  failed: 'Falló',
  hidden: 'Oculto',
};

interface ModeratedVideoProps {
  video: {
    video_id: string;
    title: string;
    status: AdminVideoStatus;
    player: VideoOwner;
    processed_url: string | null;
    poster_url: string | null;
    open_reports: number;
  };
  /** What this list adds: counts, reasons, the reports themselves. */
  children?: ComponentChildren;
  /** After an action: what to tell the organiser (the lists are read again). */
  onChanged(message: string): void;
  /** Distinguishes the same video in the queue and in the full list. */
  idPrefix: string;
}

/** A video as organisers see it: playable inline, its owner, and hide/restore/dismiss asking for a reason. */
export function ModeratedVideo({ video, children, onChanged, idPrefix }: ModeratedVideoProps) {
  const titleId = `${idPrefix}-${video.video_id}`;
  const quoted = `«${video.title}»`;
  return (
    <li class="card moderated" aria-labelledby={titleId}>
      {video.processed_url ? (
        <VideoPlayer src={video.processed_url} poster={video.poster_url} title={video.title} />
      ) : (
        <p class="media-placeholder">Sin video procesado</p>
      )}
      <div class="card-body">
        <h3 id={titleId} class="card-title">
          {video.title}
        </h3>
        <p class="status-line">
          <span class={`badge badge-${video.status}`}>{adminStatusLabels[video.status]}</span>
        </p>
        <p class="meta">
          <span class="player">{video.player.name}</span> · {video.player.city} ·{' '}
          <span class="email">{video.player.email}</span>
        </p>
        {children}
        <div class="actions">
          {video.status === 'processed' && (
            <ConfirmWithReason
              id={`${titleId}-hide`}
              action="Ocultar"
              actionLabel={`Ocultar ${quoted}`}
              confirm="Ocultar video"
              reasonRequired
              danger
              run={async (reason) => {
                await hideVideo(video.video_id, reason);
                return `${quoted} está oculto: ya no aparece en la galería ni cuenta en el ranking.`;
              }}
              onDone={onChanged}
            />
          )}
          {video.status === 'hidden' && (
            <ConfirmWithReason
              id={`${titleId}-restore`}
              action="Restaurar"
              actionLabel={`Restaurar ${quoted}`}
              confirm="Restaurar video"
              reasonRequired={false}
              run={async (reason) => {
                await restoreVideo(video.video_id, reason);
                return `${quoted} vuelve a estar publicado.`;
              }}
              onDone={onChanged}
            />
          )}
          {video.open_reports > 0 && (
            <ConfirmWithReason
              id={`${titleId}-dismiss`}
              action="Descartar reportes"
              actionLabel={`Descartar los reportes de ${quoted}`}
              confirm="Descartar reportes"
              reasonRequired
              run={async (reason) => {
                const { dismissed } = await dismissReports(video.video_id, reason);
                return dismissed === 1
                  ? `Se descartó 1 reporte de ${quoted}.`
                  : `Se descartaron ${dismissed} reportes de ${quoted}.`;
              }}
              onDone={onChanged}
            />
          )}
          <Link
            href={withQuery('/moderacion/votos', { video: video.video_id })}
            class="button"
            aria-label={`Ver votos de ${quoted}`}
          >
            Ver votos
          </Link>
        </div>
      </div>
    </li>
  );
}
