import { describe, expect, it } from 'vitest';
import {
  describeRemaining,
  formatContestDate,
  fromZonedInputValue,
  remainingUntil,
  toZonedInputValue,
} from '../src/lib/contest-time.ts';

const bogota = 'America/Bogota';

describe("the contest's dates in its own time zone", () => {
  it('reads a datetime-local value as a time in Bogotá (UTC−5), whatever the browser zone', () => {
    const browserZone = process.env.TZ;
    try {
      for (const zone of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles']) {
        process.env.TZ = zone;
        expect(fromZonedInputValue('2026-03-20T23:59', bogota)).toBe('2026-03-21T04:59:00.000Z');
        expect(fromZonedInputValue('2026-01-01T00:00', bogota)).toBe('2026-01-01T05:00:00.000Z');
      }
    } finally {
      if (browserZone === undefined) delete process.env.TZ;
      else process.env.TZ = browserZone;
    }
  });

  it('writes an instant as the wall-clock time of Bogotá, the other way round', () => {
    expect(toZonedInputValue('2026-03-21T04:59:00.000Z', bogota)).toBe('2026-03-20T23:59');
    expect(toZonedInputValue('2026-01-01T05:00:00Z', bogota)).toBe('2026-01-01T00:00');
  });

  it('round-trips through a zone with daylight saving time on both sides of the change', () => {
    // Madrid: UTC+1 in winter, UTC+2 from 29 March 2026 at 02:00.
    expect(fromZonedInputValue('2026-03-28T12:00', 'Europe/Madrid')).toBe('2026-03-28T11:00:00.000Z');
    expect(fromZonedInputValue('2026-03-30T12:00', 'Europe/Madrid')).toBe('2026-03-30T10:00:00.000Z');
    expect(toZonedInputValue('2026-03-30T10:00:00Z', 'Europe/Madrid')).toBe('2026-03-30T12:00');
  });

  it('keeps an empty value as "no date" and refuses one that is not a date', () => {
    expect(fromZonedInputValue('', bogota)).toBeNull();
    expect(fromZonedInputValue('  ', bogota)).toBeNull();
    expect(toZonedInputValue(null, bogota)).toBe('');
    expect(fromZonedInputValue('2026-02-30T10:00', bogota)).toBeUndefined();
    expect(fromZonedInputValue('mañana', bogota)).toBeUndefined();
  });

  it('shows a date in Spanish as Bogotá sees it, not as UTC does', () => {
    // 04:59 UTC on the 21st is still the evening of the 20th in Bogotá.
    const shown = formatContestDate('2026-03-21T04:59:00Z', bogota);
    expect(shown).toMatch(/^viernes, 20 de marzo de 2026/);
    expect(shown).toMatch(/11:59/);
  });
});

describe('the countdown', () => {
  it('splits what is left into days, hours, minutes and seconds', () => {
    const now = Date.parse('2026-03-18T10:00:00Z');
    const deadline = now + ((2 * 24 + 3) * 3600 + 15 * 60 + 7) * 1000 + 400;
    expect(remainingUntil(deadline, now)).toEqual({ days: 2, hours: 3, minutes: 15, seconds: 7 });
  });

  it('stops at zero once the deadline has passed', () => {
    expect(remainingUntil(1_000, 5_000)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });

  it('reads out in words, singular and plural', () => {
    expect(describeRemaining({ days: 2, hours: 3, minutes: 15, seconds: 7 })).toBe('2 días, 3 horas y 15 minutos');
    expect(describeRemaining({ days: 1, hours: 0, minutes: 1, seconds: 0 })).toBe('1 día y 1 minuto');
    expect(describeRemaining({ days: 0, hours: 0, minutes: 0, seconds: 40 })).toBe('0 minutos');
  });
});
