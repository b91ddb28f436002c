import { reportVideo } from '../api/public.api.ts';
import type { SharedVideo } from '../api/types.ts';
import { ShareControl } from '../components/share-control.tsx';
import { VideoPlayer } from '../components/video-player.tsx';
import { ReportControl } from '../gallery/report-control.tsx';
import { Link } from '../lib/link.tsx';
import { useSession } from '../session/session.ts';
import { SharedVideoVote } from './shared-video-vote.tsx';

interface SharedVideoViewProps {
  video: SharedVideo;
  /** The answer matches the session now (see VideoPage). */
  current: boolean;
}

export function SharedVideoView({ video, current }: SharedVideoViewProps) {
  const signedIn = !!useSession();
  return (
    <article class="shared-video" aria-label={video.title}>
      <div class="shared-video-media">
        <VideoPlayer src={video.processed_url} poster={video.poster_url} title={video.title} />
      </div>
      <div class="shared-video-body">
        <p class="meta">
          <span class="player">{video.player_name}</span> · {video.city}, {video.country}
        </p>
        {video.position !== null && (
          <p class="ranking-place">
            Puesto {video.position} en {video.city}
          </p>
        )}
        <SharedVideoVote video={video} current={current} />
        <ShareControl
          url={video.page_url}
          title={video.title}
          text={`Vota por ${video.player_name} en ANB Rising Stars: «${video.title}»`}
        />
        {signedIn && <ReportControl videoId={video.video_id} title={video.title} sendReport={reportVideo} />}
        <p>
          <Link href="/" class="action-link">
            Ver más videos
          </Link>
        </p>
      </div>
    </article>
  );
}
