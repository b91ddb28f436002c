import { useEffect, useRef, useState } from 'preact/hooks';
import { refreshAccount, useAccount } from '../account/use-account.ts';
import { voteFor } from '../api/public.api.ts';
import type { SharedVideo } from '../api/types.ts';
import { useVote } from '../gallery/use-vote.ts';
import { VoteView } from '../gallery/vote-control.tsx';
import { Link } from '../lib/link.tsx';
import { usePlace, withQuery } from '../lib/router.ts';
import { asksForVote, setVoteRequest, signUpToVote, voteReturnPath } from '../lib/video-address.ts';
import { useSession } from '../session/session.ts';
import { VoteAwaitsConfirmation } from './vote-awaits-confirmation.tsx';

interface SharedVideoVoteProps {
  video: SharedVideo;
  current: boolean;
}

/**
 * The vote of a shared page. Arriving with `?votar=1` (back from sign-up, sign-in or the confirmation mail)
 * casts the vote once by itself; the request leaves the address once the vote is settled, and stays while it
 * waits for the e-mail to be confirmed, so a reload or the mail's link tries again.
 */
export function SharedVideoVote({ video, current }: SharedVideoVoteProps) {
  const session = useSession();
  const account = useAccount();
  const wanted = asksForVote(usePlace().query);
  const [awaitingEmail, setAwaitingEmail] = useState(false);
  const arrivalHandled = useRef(false);
  const mine = video.is_mine ?? false;
  const vote = useVote({
    videoId: video.video_id,
    votes: video.votes,
    votedByMe: video.voted_by_me ?? false,
    signedIn: !!session,
    castVote: voteFor,
    onSignInNeeded: () => signUpToVote(video.video_id),
    onAccountRefused: () => void refreshAccount(),
  });

  const voteAndSettle = async () => {
    const outcome = await vote.vote();
    if (outcome === 'SIGN_IN_NEEDED' || outcome === 'ALREADY_SETTLED') return;
    const waitsForEmail = outcome === 'EMAIL_NOT_VERIFIED';
    setAwaitingEmail(waitsForEmail);
    // A lost connection keeps the request too: the next reload tries again.
    if (waitsForEmail || outcome !== 'NETWORK') setVoteRequest(video.video_id, waitsForEmail);
  };

  useEffect(() => {
    if (!wanted || !session || !current || arrivalHandled.current) return;
    arrivalHandled.current = true;
    if (mine || video.voted_by_me) setVoteRequest(video.video_id, false);
    else void voteAndSettle();
  }, [wanted, session, current]);

  // Confirmed meanwhile (on the phone, in another tab): the account store hears of it on focus; vote then.
  useEffect(() => {
    if (awaitingEmail && account?.vote_refusal === null) void voteAndSettle();
  }, [awaitingEmail, account?.vote_refusal]);

  return (
    <>
      <VoteView
        videoId={video.video_id}
        title={video.title}
        votes={vote.votes}
        voted={vote.voted}
        mine={mine}
        message={awaitingEmail ? undefined : vote.message}
        onVote={() => void voteAndSettle()}
      />
      {awaitingEmail && session && <VoteAwaitsConfirmation email={session.email} videoId={video.video_id} />}
      {wanted && !session && (
        <p class="notice notice-info">
          Ingresa para que tu voto cuente.{' '}
          <Link href={withQuery('/ingresar', { volver: voteReturnPath(video.video_id) })} class="action-link">
            Ingresar y votar
          </Link>
        </p>
      )}
    </>
  );
}
