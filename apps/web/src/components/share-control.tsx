import { useId, useRef, useState } from 'preact/hooks';
import { whatsAppShareUrl, xShareUrl } from '../lib/share-links.ts';

interface ShareControlProps {
  /** The video's page, absolute. */
  url: string;
  title: string;
  /** The words that go with the link. */
  text: string;
}

type Outcome = 'copied' | 'copy-failed' | undefined;

/**
 * The phone's own share sheet where there is one (Web Share API), copying the link where there is not,
 * and direct links to WhatsApp and X. A link that cannot be copied is shown selected, to copy by hand.
 */
export function ShareControl({ url, title, text }: ShareControlProps) {
  const canShare = typeof navigator.share === 'function';
  const [outcome, setOutcome] = useState<Outcome>();
  const manualCopy = useRef<HTMLInputElement>(null);
  const manualCopyId = useId();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setOutcome('copied');
    } catch {
      setOutcome('copy-failed');
      queueMicrotask(() => manualCopy.current?.select());
    }
  };
  const share = async () => {
    setOutcome(undefined);
    if (!canShare) return copy();
    try {
      await navigator.share({ title, text, url });
    } catch (error) {
      // Closing the share sheet is a choice, not a failure; any other refusal falls back to copying.
      if (!(error instanceof DOMException && error.name === 'AbortError')) await copy();
    }
  };

  return (
    <div class="share" role="group" aria-label={`Compartir «${title}»`}>
      <button type="button" class="button" onClick={() => void share()}>
        {canShare ? 'Compartir' : 'Copiar enlace'}
      </button>
      <a class="button" href={whatsAppShareUrl(text, url)} target="_blank" rel="noopener noreferrer">
        <span class="visually-hidden">Compartir en </span>WhatsApp
      </a>
      <a class="button" href={xShareUrl(text, url)} target="_blank" rel="noopener noreferrer">
        <span class="visually-hidden">Compartir en </span>X
      </a>
      <p class="inline-message success" role="status">
        {outcome === 'copied' ? 'Enlace copiado' : ''}
      </p>
      {outcome === 'copy-failed' && (
        <div class="field share-manual">
          <label for={manualCopyId}>No se pudo copiar. Copia el enlace:</label>
          <input ref={manualCopy} id={manualCopyId} type="text" readOnly value={url} />
        </div>
      )}
    </div>
  );
}
