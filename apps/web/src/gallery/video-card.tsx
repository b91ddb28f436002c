import { refreshAccount } from '../account/use-account.ts';
import { reportVideo, voteFor } from '../api/public.api.ts';
import type { PublicVideo } from '../api/types.ts';
import { VideoPlayer } from '../components/video-player.tsx';
import { Link } from '../lib/link.tsx';
import { videoPagePath } from '../lib/video-address.ts';
import { ReportControl } from './report-control.tsx';
import { VoteControl } from './vote-control.tsx';

interface VideoCardProps {
  video: PublicVideo;
  signedIn: boolean;
  /** The viewer's own video: no "Votar". */
  mine: boolean;
  onSignInNeeded(video: PublicVideo): void;
}

export function VideoCard({ video, signedIn, mine, onSignInNeeded }: VideoCardProps) {
  const titleId = `card-${video.video_id}`;
  return (
    <li class="card" aria-labelledby={titleId}>
      <VideoPlayer src={video.processed_url} poster={video.poster_url} title={video.title} />
      <div class="card-body">
        <h3 id={titleId} class="card-title">
          <Link href={videoPagePath(video.video_id)}>{video.title}</Link>
        </h3>
        <p class="meta">
          <span class="player">{video.player_name}</span> · {video.city}, {video.country}
        </p>
        <VoteControl
          videoId={video.video_id}
          title={video.title}
          votes={video.votes}
          votedByMe={video.voted_by_me ?? false}
          signedIn={signedIn}
          mine={mine}
          castVote={voteFor}
          onSignInNeeded={() => onSignInNeeded(video)}
          // The "Confirma tu correo" banner then shows, with its button to get a new link.
          onAccountRefused={() => void refreshAccount()}
        />
        {signedIn && <ReportControl videoId={video.video_id} title={video.title} sendReport={reportVideo} />}
      </div>
    </li>
  );
}
