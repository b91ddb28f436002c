import { useEffect, useState } from 'preact/hooks';
import { updateContest } from '../api/admin.api.ts';
import { fetchContest } from '../api/contest.api.ts';
import type { Contest } from '../api/types.ts';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { firstInvalid, mapApiError, type FieldErrors } from '../forms/field-errors.ts';
import { FormError } from '../forms/form-error.tsx';
import { formatContestDate, zoneName } from '../lib/contest-time.ts';
import { useRemote } from '../lib/use-remote.ts';
import { phaseTexts } from '../home/contest-phase.ts';
import {
  CONTEST_NAME_MAX,
  CONTEST_RULES_MAX,
  SELECTED_PER_CITY_MAX,
  calendarFields,
  checkCalendar,
  valuesOf,
  type CalendarField,
  type CalendarValues,
} from './calendar-form.ts';

/** `/calendario`: the contest's name, rules, places per city and closing dates. */
export function CalendarPage() {
  const { data, error } = useRemote((signal) => fetchContest(signal), []);
  return (
    <Page title="Calendario del concurso">
      <p class="lead">El nombre, el reglamento y las fechas que ve el público en la página de inicio.</p>
      {error && <Notice tone="error">{error}</Notice>}
      {!data && !error && <p role="status">Cargando el concurso…</p>}
      {data && <CalendarForm contest={data} />}
    </Page>
  );
}

function CalendarForm({ contest: initial }: { contest: Contest }) {
  const [contest, setContest] = useState(initial);
  const [values, setValues] = useState<CalendarValues>(() => valuesOf(initial));
  const [errors, setErrors] = useState<FieldErrors<CalendarField>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const [sending, setSending] = useState(false);
  // In state, not a ref: the focus moves after the render that shows its target, never an earlier one.
  const [focusTarget, setFocusTarget] = useState<{ id: string } | undefined>();
  const zone = contest.time_zone;

  useEffect(() => {
    if (focusTarget) document.getElementById(focusTarget.id)?.focus();
  }, [focusTarget]);

  const edit = (field: CalendarField) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((previous) => ({ ...previous, [field]: value }));
    setSaved(false);
  };

  const fail = (fields: FieldErrors<CalendarField>, form?: string) => {
    setErrors(fields);
    setFormError(form);
    const first = firstInvalid(calendarFields, fields);
    setFocusTarget({ id: first ? `calendar-${first}` : 'calendar-error' });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const checked = checkCalendar(values, zone);
    if ('errors' in checked) return fail(checked.errors);
    setSending(true);
    try {
      const answer = await updateContest(checked.update);
      setContest(answer);
      setValues(valuesOf(answer));
      setErrors({});
      setFormError(undefined);
      setSaved(true);
      setFocusTarget({ id: 'calendar-saved' });
    } catch (failure) {
      const placed = mapApiError<CalendarField>(failure, { INVALID_CALENDAR: 'voting_closes_at' }, calendarFields);
      fail(placed.fields, placed.form);
    } finally {
      setSending(false);
    }
  };

  const describe = (field: CalendarField, hint?: string) =>
    [errors[field] ? `calendar-${field}-error` : undefined, hint].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: CalendarField) =>
    errors[field] && (
      <p id={`calendar-${field}-error`} class="field-error">
        {errors[field]}
      </p>
    );

  return (
    <form class="form calendar-form" noValidate onSubmit={(event) => void submit(event)}>
      {saved && (
        <div id="calendar-saved" class="notice notice-success" role="status" tabIndex={-1}>
          Calendario guardado. Fase actual: {phaseTexts[contest.phase].badge.toLowerCase()}.
          {contest.next_deadline_at && ` Próximo cierre: ${formatContestDate(contest.next_deadline_at, zone)}.`}
        </div>
      )}
      <FormError id="calendar-error" message={formError} />
      <div class="field">
        <label for="calendar-name">Nombre del concurso</label>
        <input
          id="calendar-name"
          type="text"
          value={values.name}
          maxLength={CONTEST_NAME_MAX}
          aria-invalid={errors.name ? 'true' : undefined}
          aria-describedby={describe('name')}
          onInput={edit('name')}
        />
        {fieldError('name')}
      </div>
      <div class="field">
        <label for="calendar-rules">Reglamento</label>
        <textarea
          id="calendar-rules"
          rows={8}
          maxLength={CONTEST_RULES_MAX}
          value={values.rules}
          aria-invalid={errors.rules ? 'true' : undefined}
          aria-describedby={describe('rules')}
          onInput={edit('rules')}
        />
        {fieldError('rules')}
      </div>
      <div class="field">
        <label for="calendar-selected_per_city">Jugadores seleccionados por ciudad</label>
        <input
          id="calendar-selected_per_city"
          type="number"
          inputMode="numeric"
          min={1}
          max={SELECTED_PER_CITY_MAX}
          step={1}
          value={values.selected_per_city}
          aria-invalid={errors.selected_per_city ? 'true' : undefined}
          aria-describedby={describe('selected_per_city')}
          onInput={edit('selected_per_city')}
        />
        {fieldError('selected_per_city')}
      </div>
      <p id="calendar-dates-hint" class="hint">
        Zona horaria: {zoneName(zone)} ({zone}). Deja una fecha vacía para no fijar cierre.
      </p>
      <div class="form-row">
        <div class="field">
          <label for="calendar-uploads_close_at">Cierre de subidas</label>
          <input
            id="calendar-uploads_close_at"
            type="datetime-local"
            value={values.uploads_close_at}
            aria-invalid={errors.uploads_close_at ? 'true' : undefined}
            aria-describedby={describe('uploads_close_at', 'calendar-dates-hint')}
            onInput={edit('uploads_close_at')}
          />
          {fieldError('uploads_close_at')}
        </div>
        <div class="field">
          <label for="calendar-voting_closes_at">Cierre de la votación</label>
          <input
            id="calendar-voting_closes_at"
            type="datetime-local"
            value={values.voting_closes_at}
            aria-invalid={errors.voting_closes_at ? 'true' : undefined}
            aria-describedby={describe('voting_closes_at', 'calendar-dates-hint')}
            onInput={edit('voting_closes_at')}
          />
          {fieldError('voting_closes_at')}
        </div>
      </div>
      <button type="submit" class="button primary" disabled={sending}>
        {sending ? 'Guardando…' : 'Guardar calendario'}
      </button>
    </form>
  );
}
