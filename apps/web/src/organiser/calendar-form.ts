import type { ContestUpdate } from '../api/admin-types.ts';
import type { Contest } from '../api/types.ts';
import type { FieldErrors } from '../forms/field-errors.ts';
import { fromZonedInputValue, toZonedInputValue } from '../lib/contest-time.ts';

export const calendarFields = ['name', 'rules', 'selected_per_city', 'uploads_close_at', 'voting_closes_at'] as const;
export type CalendarField = (typeof calendarFields)[number];

/** What the form holds: text as typed, dates as wall-clock times of the contest's zone. */
export type CalendarValues = Record<CalendarField, string>;

export const valuesOf = (contest: Contest): CalendarValues => ({
  name: contest.name,
  rules: contest.rules,
  selected_per_city: String(contest.selected_per_city),
  uploads_close_at: toZonedInputValue(contest.uploads_close_at, contest.time_zone),
  voting_closes_at: toZonedInputValue(contest.voting_closes_at, contest.time_zone),
});

export const calendarTexts = {
  nameMissing: 'Escribe el nombre del concurso.',
  selectedInvalid: 'Escribe un número entero entre 1 y 1000.',
  dateInvalid: 'Escribe una fecha y hora válidas, o déjalo vacío.',
  votingBeforeUploads: 'La votación debe cerrar después del cierre de subidas.',
  votingWithoutUploads:
    'Fija primero el cierre de subidas: la votación no puede cerrar mientras las subidas siguen abiertas.',
};

export const CONTEST_NAME_MAX = 120;
export const CONTEST_RULES_MAX = 4000;
export const SELECTED_PER_CITY_MAX = 1000;

/** The request body, or the errors to show next to each field. Empty dates mean "no date yet". */
export function checkCalendar(
  values: CalendarValues,
  timeZone: string,
): { update: ContestUpdate } | { errors: FieldErrors<CalendarField> } {
  const errors: FieldErrors<CalendarField> = {};
  const name = values.name.trim();
  if (!name) errors.name = calendarTexts.nameMissing;
  const selected = Number(values.selected_per_city);
  if (!/^\d+$/.test(values.selected_per_city.trim()) || selected < 1 || selected > SELECTED_PER_CITY_MAX)
    errors.selected_per_city = calendarTexts.selectedInvalid;
  const uploads = fromZonedInputValue(values.uploads_close_at, timeZone);
  const voting = fromZonedInputValue(values.voting_closes_at, timeZone);
  if (uploads === undefined) errors.uploads_close_at = calendarTexts.dateInvalid;
  if (voting === undefined) errors.voting_closes_at = calendarTexts.dateInvalid;
  // The API's rule: voting may only close after uploads have, so a video published late can still be voted.
  if (uploads && voting && Date.parse(voting) < Date.parse(uploads))
    errors.voting_closes_at = calendarTexts.votingBeforeUploads;
  if (uploads === null && voting) errors.voting_closes_at = calendarTexts.votingWithoutUploads;
  if (Object.keys(errors).length > 0 || uploads === undefined || voting === undefined) return { errors };
  return {
    update: {
      name,
      rules: values.rules,
      selected_per_city: selected,
      uploads_close_at: uploads,
      voting_closes_at: voting,
    },
  };
}
