import { formatVotes } from '../lib/format.ts';
import { useVote, type VoteMessage, type VoteOptions } from './use-vote.ts';

interface VoteControlProps extends VoteOptions {
  title: string;
  /** The viewer's own video: the count, and "Tu video" where "Votar" would be. */
  mine?: boolean;
}

export function VoteControl({ title, mine = false, ...options }: VoteControlProps) {
  const vote = useVote(options);
  return (
    <VoteView
      videoId={options.videoId}
      title={title}
      votes={vote.votes}
      voted={vote.voted}
      mine={mine}
      message={vote.message}
      onVote={() => void vote.vote()}
    />
  );
}

interface VoteViewProps {
  videoId: string;
  title: string;
  votes: number;
  voted: boolean;
  mine: boolean;
  message: VoteMessage | undefined;
  onVote(): void;
}

/** The count and the button. The button stays in place as "Ya votaste" so the focus is never lost. */
export function VoteView({ videoId, title, votes, voted, mine, message, onVote }: VoteViewProps) {
  const countId = `votes-${videoId}`;
  return (
    <div class="vote">
      <p id={countId} class="vote-count">
        {formatVotes(votes)}
      </p>
      {mine ? (
        <p class="own-mark">Tu video</p>
      ) : (
        <button
          type="button"
          class={voted ? 'button voted' : 'button primary'}
          // The visible word first, then which video: "Votar por «Triple»".
          aria-label={`${voted ? 'Ya votaste' : 'Votar'} por «${title}»`}
          aria-disabled={voted ? 'true' : undefined}
          aria-describedby={countId}
          onClick={onVote}
        >
          {voted ? (
            <>
              <span aria-hidden="true">✓ </span>Ya votaste
            </>
          ) : (
            'Votar'
          )}
        </button>
      )}
      <p class={`vote-message ${message?.tone ?? ''}`} role="status">
        {message?.text}
      </p>
    </div>
  );
}
