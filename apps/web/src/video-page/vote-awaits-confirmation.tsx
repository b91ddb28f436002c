import { useState } from 'preact/hooks';
import { resendVerification } from '../api/account.api.ts';
import { messageOf } from '../api/api-error.ts';
import { voteReturnPath } from '../lib/video-address.ts';

/** The vote waits for a confirmed e-mail: where the link went, and a new one that leads back here too. */
export function VoteAwaitsConfirmation({ email, videoId }: { email: string; videoId: string }) {
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; tone: 'success' | 'error' } | undefined>();
  const resend = async () => {
    setSending(true);
    setOutcome(undefined);
    try {
      setOutcome({ text: await resendVerification(voteReturnPath(videoId)), tone: 'success' });
    } catch (error) {
      setOutcome({ text: messageOf(error), tone: 'error' });
    } finally {
      setSending(false);
    }
  };
  return (
    <div class="notice notice-info vote-pending" role="status">
      <p>
        <strong>Tu voto se contará cuando confirmes tu correo.</strong> Abre el enlace que te enviamos a {email}: te
        trae de vuelta a este video y el voto queda registrado.
      </p>
      <button type="button" class="button" disabled={sending} onClick={() => void resend()}>
        {sending ? 'Enviando…' : 'Reenviar enlace'}
      </button>
      <p class={`inline-message ${outcome?.tone ?? ''}`}>{outcome?.text}</p>
    </div>
  );
}
