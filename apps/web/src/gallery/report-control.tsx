import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api/api-error.ts';
import type { VideoReport } from '../api/public.api.ts';
import { reportReasons, type ReportReason } from '../api/types.ts';

export const reportReasonLabels: Record<ReportReason, string> = {
  inappropriate: 'Contenido inapropiado',
  not_basketball: 'No es baloncesto',
  not_own_content: 'No es contenido propio',
  spam: 'Spam',
  other: 'Otro',
};

export const REPORT_DETAILS_MAX = 500;

interface ReportControlProps {
  videoId: string;
  title: string;
  sendReport(videoId: string, report: VideoReport): Promise<string>;
}

/**
 * "Reportar" opens a small form under the card: a reason and optional details. The API's answer is shown
 * as it comes; once reported (or reported before), the form does not open again.
 */
export function ReportControl({ videoId, title, sendReport }: ReportControlProps) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReportReason | ''>('');
  const [details, setDetails] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<{ text: string; tone: 'success' | 'info' } | undefined>();
  const select = useRef<HTMLSelectElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const result = useRef<HTMLParagraphElement>(null);
  const ids = { form: `report-${videoId}`, reason: `report-${videoId}-reason`, details: `report-${videoId}-details` };

  useEffect(() => {
    if (open) select.current?.focus();
  }, [open]);
  useEffect(() => {
    if (done) result.current?.focus();
  }, [done]);

  const close = () => {
    setOpen(false);
    setError(undefined);
    toggle.current?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (sending) return;
    if (!reason) {
      setError('Elige un motivo para el reporte.');
      select.current?.focus();
      return;
    }
    setSending(true);
    setError(undefined);
    try {
      const trimmed = details.trim();
      const text = await sendReport(videoId, trimmed ? { reason, details: trimmed } : { reason });
      setDone({ text, tone: 'success' });
      setOpen(false);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'ALREADY_REPORTED') {
        setDone({ text: failure.message, tone: 'info' });
        setOpen(false);
      } else setError(messageOf(failure));
    } finally {
      setSending(false);
    }
  };

  if (done)
    return (
      <p ref={result} class={`report-result ${done.tone}`} role="status" tabIndex={-1}>
        {done.text}
      </p>
    );
  return (
    <div class="report">
      <button
        ref={toggle}
        type="button"
        class="link-button report-toggle"
        aria-label={`Reportar «${title}»`}
        aria-expanded={open}
        aria-controls={open ? ids.form : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        Reportar
      </button>
      {open && (
        <form
          id={ids.form}
          class="report-form"
          aria-label={`Reportar «${title}»`}
          noValidate
          onSubmit={(event) => void submit(event)}
          onKeyDown={(event) => event.key === 'Escape' && close()}
        >
          <div class="field">
            <label for={ids.reason}>Motivo</label>
            <select
              ref={select}
              id={ids.reason}
              value={reason}
              required
              aria-invalid={error && !reason ? 'true' : undefined}
              onChange={(event) => setReason(event.currentTarget.value as ReportReason | '')}
            >
              <option value="">Elige un motivo</option>
              {reportReasons.map((value) => (
                <option key={value} value={value}>
                  {reportReasonLabels[value]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={ids.details}>Detalles (opcional)</label>
            <textarea
              id={ids.details}
              rows={3}
              maxLength={REPORT_DETAILS_MAX}
              value={details}
              aria-describedby={`${ids.details}-hint`}
              onInput={(event) => setDetails(event.currentTarget.value)}
            />
            <p id={`${ids.details}-hint`} class="hint">
              {details.length} de {REPORT_DETAILS_MAX} caracteres.
            </p>
          </div>
          {error && (
            <p class="field-error" role="alert">
              {error}
            </p>
          )}
          <p class="actions">
            <button type="submit" class="button primary" disabled={sending}>
              {sending ? 'Enviando…' : 'Enviar reporte'}
            </button>
            <button type="button" class="button" onClick={close}>
              Cancelar
            </button>
          </p>
        </form>
      )}
    </div>
  );
}
