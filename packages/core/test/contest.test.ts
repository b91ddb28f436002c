import { describe, expect, it } from 'vitest';
import {
  contestDate,
  contestPhase,
  isCoherentCalendar,
  nextDeadline,
  organiserTexts,
  type ContestSettings,
} from '../src/index.ts';

const now = new Date('2026-12-06T12:00:00Z');
const hours = (n: number) => new Date(now.getTime() + n * 3600_000);
const contest = (uploadsCloseAt: Date | null, votingClosesAt: Date | null): ContestSettings => ({
  name: 'ANB',
  rules: '',
  selectedPerCity: 3,
  uploadsCloseAt,
  votingClosesAt,
});

describe('the contest calendar', () => {
  it('is open, then voting only, then closed, each date taking effect at its instant', () => {
    expect(contestPhase(contest(null, null), now)).toBe('open');
    expect(contestPhase(contest(hours(1), hours(2)), now)).toBe('open');
    expect(contestPhase(contest(now, hours(2)), now)).toBe('voting');
    expect(contestPhase(contest(hours(-2), now), now)).toBe('closed');
  });

  it('counts down to the next date still ahead', () => {
    expect(nextDeadline(contest(hours(1), hours(2)), now)).toEqual(hours(1));
    expect(nextDeadline(contest(hours(-1), hours(2)), now)).toEqual(hours(2));
    expect(nextDeadline(contest(hours(-2), hours(-1)), now)).toBeNull();
    expect(nextDeadline(contest(null, null), now)).toBeNull();
  });

  it('refuses voting that closes before uploads, or has a date while uploads have none', () => {
    expect(isCoherentCalendar(contest(hours(1), hours(1)))).toBe(true);
    expect(isCoherentCalendar(contest(hours(1), null))).toBe(true);
    expect(isCoherentCalendar(contest(hours(2), hours(1)))).toBe(false);
    expect(isCoherentCalendar(contest(null, hours(1)))).toBe(false);
  });

  it('tells a closing date in the contest’s time zone', () => {
    // 04:59 UTC is 23:59 of the previous day in Bogotá (UTC-5, no daylight saving).
    expect(contestDate(new Date('2026-03-01T04:59:00Z'), 'America/Bogota')).toMatch(/^28 de febrero de 2026\D+23:59/);
    expect(organiserTexts.votingClosed(new Date('2026-03-01T04:59:00Z'), 'Europe/Madrid')).toMatch(
      /^La votación del concurso cerró el 1 de marzo de 2026\D+05:59/,
    );
  });
});
