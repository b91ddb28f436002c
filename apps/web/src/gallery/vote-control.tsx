import type { VoteRefusalCode } from '@anb/core/account-security-texts';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api/api-error.ts';
import { formatVotes } from '../lib/format.ts';

interface VoteControlProps {
  videoId: string;
  title: string;
  votes: number;
  votedByMe: boolean;
  signedIn: boolean;
  castVote(videoId: string): Promise<string>;
  onSignInNeeded(): void;
  /** The account may not vote (e-mail not confirmed, disposable address): what is known of it may be stale. */
  onAccountRefused?(): void;
}

const accountRefusals: readonly string[] = ['EMAIL_NOT_VERIFIED', 'DISPOSABLE_EMAIL'] satisfies VoteRefusalCode[];

/**
 * The count goes up at once (optimistic) and goes back if the API refuses; the refusal's
 * Spanish text is shown. The button stays in place as "Ya votaste" so the focus is never lost.
 */
export function VoteControl({
  videoId,
  title,
  votes,
  votedByMe,
  signedIn,
  castVote,
  onSignInNeeded,
  onAccountRefused,
}: VoteControlProps) {
  const [shown, setShown] = useState({ votes, voted: votedByMe });
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'error' } | undefined>();
  const [sending, setSending] = useState(false);
  useEffect(() => setShown({ votes, voted: votedByMe }), [votes, votedByMe]);

  const vote = async () => {
    if (shown.voted || sending) return;
    if (!signedIn) return onSignInNeeded();
    const before = shown;
    setShown({ votes: before.votes + 1, voted: true });
    setMessage(undefined);
    setSending(true);
    try {
      setMessage({ text: await castVote(videoId), tone: 'success' });
    } catch (error) {
      // The count returns to what it was; a duplicate still means this player has voted.
      const alreadyVoted = error instanceof ApiError && error.code === 'DUPLICATE_VOTE';
      setShown({ votes: before.votes, voted: alreadyVoted });
      setMessage({ text: messageOf(error), tone: 'error' });
      if (error instanceof ApiError && accountRefusals.includes(error.code)) onAccountRefused?.();
    } finally {
      setSending(false);
    }
  };

  const countId = `votes-${videoId}`;
  return (
    <div class="vote">
      <p id={countId} class="vote-count">
        {formatVotes(shown.votes)}
      </p>
      <button
        type="button"
        class={shown.voted ? 'button voted' : 'button primary'}
        // The visible word first, then which video: "Votar por «Triple»".
        aria-label={`${shown.voted ? 'Ya votaste' : 'Votar'} por «${title}»`}
        aria-disabled={shown.voted ? 'true' : undefined}
        aria-describedby={countId}
        onClick={() => void vote()}
      >
        {shown.voted ? (
          <>
            <span aria-hidden="true">✓ </span>Ya votaste
          </>
        ) : (
          'Votar'
        )}
      </button>
      <p class={`vote-message ${message?.tone ?? ''}`} role="status">
        {message?.text}
      </p>
    </div>
  );
}
