import { accountSecurityTexts } from '@anb/core/account-security-texts';
import { useState } from 'preact/hooks';
import { resendVerification } from '../api/account.api.ts';
import { messageOf } from '../api/api-error.ts';
import type { Account } from '../api/types.ts';
import { usePlace } from '../lib/router.ts';
import { asksForVote, videoIdOf } from '../lib/video-address.ts';
import { useSession } from '../session/session.ts';
import { useAccount } from './use-account.ts';

/** On every page while the signed-in player's account may not vote: why, and how to fix it when they can. */
export function EmailConfirmationBanner() {
  const signedIn = !!useSession();
  const account = useAccount();
  const { path, query } = usePlace();
  // A shared video waiting to count the vote says this itself, with a link that leads back to it.
  const videoSaysIt = !!videoIdOf(path) && asksForVote(query);
  if (!signedIn || !account?.vote_refusal || videoSaysIt) return null;
  return (
    <aside class="account-banner" aria-label="Aviso sobre tu cuenta">
      <div class="container account-banner-inner">
        {account.vote_refusal === 'EMAIL_NOT_VERIFIED' ? (
          <ConfirmYourEmail account={account} />
        ) : (
          <p>{accountSecurityTexts.voteRefused.DISPOSABLE_EMAIL}</p>
        )}
      </div>
    </aside>
  );
}

function ConfirmYourEmail({ account }: { account: Account }) {
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; tone: 'success' | 'error' } | undefined>();
  const resend = async () => {
    setSending(true);
    setOutcome(undefined);
    try {
      setOutcome({ text: await resendVerification(), tone: 'success' });
    } catch (error) {
      // 429 (too many requests) and 409 (already confirmed, e.g. on another device) read as the API words them.
      setOutcome({ text: messageOf(error), tone: 'error' });
    } finally {
      setSending(false);
    }
  };
  return (
    <>
      <p>
        <strong>Confirma tu correo.</strong> Para votar, abre el enlace que te enviamos a {account.email}.
      </p>
      <button type="button" class="button" disabled={sending} onClick={() => void resend()}>
        {sending ? 'Enviando…' : 'Reenviar enlace'}
      </button>
      <p class={`inline-message ${outcome?.tone ?? ''}`} role="status">
        {outcome?.text}
      </p>
    </>
  );
}
