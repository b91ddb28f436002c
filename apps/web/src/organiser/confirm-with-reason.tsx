import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api/api-error.ts';

export const REASON_MAX = 500;

interface ConfirmWithReasonProps {
  /** Unique on the page; names the form's fields. */
  id: string;
  /** The button that opens the form, e.g. "Ocultar". */
  action: string;
  /** Its accessible name, saying what it acts on: "Ocultar «Triple»". */
  actionLabel: string;
  /** The button that sends, e.g. "Ocultar video". */
  confirm: string;
  reasonRequired: boolean;
  /** A checkbox beside the reason, e.g. "Anular sus votos". */
  option?: string;
  /** Does the work; resolves with what to tell the organiser, rejects with the API's refusal. */
  run(reason: string, option: boolean): Promise<string>;
  onDone(message: string): void;
  danger?: boolean;
}

/** An organiser's action that asks why before it runs: the reason goes to the audit log. */
export function ConfirmWithReason(props: ConfirmWithReasonProps) {
  const { id, action, actionLabel, confirm, reasonRequired, option, run, onDone, danger } = props;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    setError(undefined);
    opener.current?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const text = reason.trim();
    if (reasonRequired && !text) {
      setError('Escribe el motivo: queda en el registro de auditoría.');
      field.current?.focus();
      return;
    }
    setSending(true);
    setError(undefined);
    try {
      const message = await run(text, checked);
      setOpen(false);
      setReason('');
      onDone(message);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setSending(false);
    }
  };

  if (!open)
    return (
      <button
        ref={opener}
        type="button"
        class={danger ? 'button danger' : 'button'}
        aria-label={actionLabel}
        onClick={() => setOpen(true)}
      >
        {action}
      </button>
    );
  return (
    <form
      class="reason-form"
      aria-label={actionLabel}
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => event.key === 'Escape' && close()}
    >
      <div class="field">
        <label for={`${id}-reason`}>{reasonRequired ? 'Motivo' : 'Motivo (opcional)'}</label>
        <textarea
          ref={field}
          id={`${id}-reason`}
          rows={2}
          maxLength={REASON_MAX}
          value={reason}
          required={reasonRequired}
          aria-invalid={error && reasonRequired && !reason.trim() ? 'true' : undefined}
          onInput={(event) => setReason(event.currentTarget.value)}
        />
      </div>
      {option && (
        <label class="checkbox">
          <input type="checkbox" checked={checked} onChange={(event) => setChecked(event.currentTarget.checked)} />{' '}
          {option}
        </label>
      )}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <p class="actions">
        <button type="submit" class={danger ? 'button danger' : 'button primary'} disabled={sending}>
          {sending ? 'Enviando…' : confirm}
        </button>
        <button type="button" class="button" onClick={close}>
          Cancelar
        </button>
      </p>
    </form>
  );
}
