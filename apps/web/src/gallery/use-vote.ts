import type { VoteRefusalCode } from '@anb/core/account-security-texts';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api/api-error.ts';

export interface VoteOptions {
  videoId: string;
  votes: number;
  votedByMe: boolean;
  signedIn: boolean;
  castVote(videoId: string): Promise<string>;
  onSignInNeeded(): void;
  /** The account may not vote (e-mail not confirmed, disposable address): what is known of it may be stale. */
  onAccountRefused?(): void;
}

/** How a press of "Votar" ended: counted, refused with the API's code, or sent to sign in first. */
export type VoteOutcome = 'COUNTED' | 'SIGN_IN_NEEDED' | 'ALREADY_SETTLED' | string;

export interface VoteMessage {
  text: string;
  tone: 'success' | 'error';
}

const accountRefusals: readonly string[] = ['EMAIL_NOT_VERIFIED', 'DISPOSABLE_EMAIL'] satisfies VoteRefusalCode[];

/**
 * The count goes up at once (optimistic) and goes back if the API refuses; the refusal's Spanish text
 * becomes the message. `vote()` tells how it ended, for a page that acts on it (a shared video's page).
 */
export function useVote({
  videoId,
  votes,
  votedByMe,
  signedIn,
  castVote,
  onSignInNeeded,
  onAccountRefused,
}: VoteOptions) {
  const [shown, setShown] = useState({ votes, voted: votedByMe });
  const [message, setMessage] = useState<VoteMessage | undefined>();
  const [sending, setSending] = useState(false);
  useEffect(() => setShown({ votes, voted: votedByMe }), [votes, votedByMe]);

  const vote = async (): Promise<VoteOutcome> => {
    if (shown.voted || sending) return 'ALREADY_SETTLED';
    if (!signedIn) {
      onSignInNeeded();
      return 'SIGN_IN_NEEDED';
    }
    const before = shown;
    setShown({ votes: before.votes + 1, voted: true });
    setMessage(undefined);
    setSending(true);
    try {
      setMessage({ text: await castVote(videoId), tone: 'success' });
      return 'COUNTED';
    } catch (error) {
      // The count returns to what it was; a duplicate still means this player has voted.
      const code = error instanceof ApiError ? error.code : 'UNEXPECTED';
      setShown({ votes: before.votes, voted: code === 'DUPLICATE_VOTE' });
      setMessage({ text: messageOf(error), tone: 'error' });
      if (accountRefusals.includes(code)) onAccountRefused?.();
      return code;
    } finally {
      setSending(false);
    }
  };

  return { votes: shown.votes, voted: shown.voted, message, vote };
}
