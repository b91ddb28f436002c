import type { OwnVideo } from '../api/types.ts';
import { Notice } from '../components/notice.tsx';
import { Link } from '../lib/link.tsx';
import { OwnVideoItem } from './own-video-item.tsx';
import { useOwnVideos } from './use-own-videos.ts';

interface MyVideosViewProps {
  load(): Promise<OwnVideo[]>;
  remove(videoId: string): Promise<string>;
  /** The player's city, named next to a published video's ranking position. */
  city?: string | undefined;
}

/** The player's videos with their live state; no reload needed to see one get published. */
export function MyVideosView({ load, remove, city }: MyVideosViewProps) {
  const { videos, loadError, announcement, setAnnouncement, forget } = useOwnVideos(load);

  const deleteVideo = async (video: OwnVideo) => {
    const message = await remove(video.video_id);
    forget(video.video_id);
    setAnnouncement(`${message} («${video.title}»)`);
    document.querySelector<HTMLElement>('main h1')?.focus();
  };

  return (
    <>
      <div class="live-region" role="status" aria-live="polite">
        {announcement}
      </div>
      {loadError && <Notice tone="error">{loadError}</Notice>}
      {videos === undefined && !loadError && <p class="loading">Cargando tus videos…</p>}
      {videos?.length === 0 && (
        <p class="empty">
          Aún no has subido videos.{' '}
          <Link href="/subir" class="action-link">
            Sube tu primer video
          </Link>
        </p>
      )}
      {videos && videos.length > 0 && (
        <ul class="own-videos">
          {videos.map((video) => (
            <OwnVideoItem key={video.video_id} video={video} city={city} onDelete={deleteVideo} />
          ))}
        </ul>
      )}
    </>
  );
}
