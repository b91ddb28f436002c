// The contest's dates live in one time zone (America/Bogota): shown there and typed there, whatever the
// zone of the browser. A `datetime-local` input holds a wall-clock time with no zone; these helpers read
// and write it as a wall-clock time of the contest's zone.

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** What the clocks of `timeZone` showed at `instant`, as a UTC timestamp with the same fields. */
function wallClock(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
}

/** `2026-03-20T23:59` as the zone's clocks show `iso`: the value a datetime-local input takes. Empty for null. */
export function toZonedInputValue(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return '';
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, 16);
}

/**
 * The UTC instant (ISO 8601) at which the clocks of `timeZone` show `value` (a datetime-local value);
 * null for an empty value, undefined for one that is not a date.
 */
export function fromZonedInputValue(value: string, timeZone: string): string | null | undefined {
  if (value.trim() === '') return null;
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  const asUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  const checked = new Date(asUtc);
  if (checked.getUTCMonth() !== month! - 1 || checked.getUTCDate() !== day! || hour! > 23) return undefined;
  // The zone's offset at a first guess, then at the answer itself: they differ when a DST change lies between.
  let instant = asUtc - (wallClock(asUtc, timeZone) - asUtc);
  instant = asUtc - (wallClock(instant, timeZone) - instant);
  return new Date(instant).toISOString();
}

/** "viernes, 20 de marzo de 2026, 11:59 p. m." in the contest's zone. */
export function formatContestDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('es-CO', { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}

/** "hora estándar de Colombia": how the zone is called in Spanish, to say which clock the dates follow. */
export function zoneName(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('es-CO', { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date());
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

export interface Remaining {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Whole days, hours, minutes and seconds left; all zero once the time has come. */
export function remainingUntil(deadline: number, now: number): Remaining {
  const total = Math.max(0, Math.floor((deadline - now) / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3_600),
    minutes: Math.floor((total % 3_600) / 60),
    seconds: total % 60,
  };
}

/** "2 días, 3 horas y 15 minutos": what a screen reader says, to the minute. */
export function describeRemaining({ days, hours, minutes }: Remaining): string {
  const parts = [
    days > 0 ? `${days} ${days === 1 ? 'día' : 'días'}` : undefined,
    hours > 0 ? `${hours} ${hours === 1 ? 'hora' : 'horas'}` : undefined,
    `${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}`,
  ].filter((part): part is string => part !== undefined);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} y ${parts.at(-1)}` : (parts[0] ?? '');
}

/** The zone the API gives the contest's dates in (`time_zone` of GET /api/contest); organisers' pages use it too. */
export const CONTEST_TIME_ZONE = 'America/Bogota';

/** "20 mar 2026, 11:59 p. m." in the contest's zone: dates in the organisers' lists. */
export const formatShortContestDate = (iso: string, timeZone = CONTEST_TIME_ZONE) =>
  new Intl.DateTimeFormat('es-CO', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
