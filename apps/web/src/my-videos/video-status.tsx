import { shownToPlayer } from '@anb/core/upload-texts';
import type { OwnVideo, VideoStatus } from '../api/types.ts';

export const statusLabels: Record<VideoStatus, string> = {
  uploaded: 'Subido, en cola',
  processing: 'Procesando',
  processed: 'Publicado',
  failed: 'Falló',
};

/** Whether the worker still has to act on it, i.e. whether the list should keep refreshing. */
export const isPending = (status: VideoStatus) => status === 'uploaded' || status === 'processing';

/** The state as a word (never colour alone) and, for a failed video, the reason the worker gave. */
export function VideoStatusBadge({ video }: { video: Pick<OwnVideo, 'status' | 'failure_reason'> }) {
  return (
    <p class="status-line">
      <span class={`badge badge-${video.status}`}>
        {isPending(video.status) && <span class="spinner" aria-hidden="true" />}
        {statusLabels[video.status]}
      </span>
      {video.status === 'failed' && (
        <span class="failure-reason">
          {video.failure_reason ? shownToPlayer(video.failure_reason) : 'El video no se pudo procesar.'}
        </span>
      )}
    </p>
  );
}
