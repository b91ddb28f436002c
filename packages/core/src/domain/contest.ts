/** The contest this deployment runs, as the organiser set it; a null date means still open. */
export interface ContestSettings {
  name: string;
  rules: string;
  /** How many players per city the ANB selects from the final ranking. */
  selectedPerCity: number;
  uploadsCloseAt: Date | null;
  votingClosesAt: Date | null;
}

/** open: uploads and votes; voting: uploads closed; closed: voting closed, results final. */
export type ContestPhase = 'open' | 'voting' | 'closed';

export function contestPhase(contest: ContestSettings, now: Date): ContestPhase {
  if (hasPassed(contest.votingClosesAt, now)) return 'closed';
  if (hasPassed(contest.uploadsCloseAt, now)) return 'voting';
  return 'open';
}

/** The next date still ahead, for a countdown; null once both have passed or none is set. */
export function nextDeadline(contest: ContestSettings, now: Date): Date | null {
  const ahead = [contest.uploadsCloseAt, contest.votingClosesAt].filter(
    (date): date is Date => date !== null && date > now,
  );
  return ahead.sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
}

/** Voting cannot close while uploads are still open: a video published after it could never be voted. */
export function isCoherentCalendar(contest: Pick<ContestSettings, 'uploadsCloseAt' | 'votingClosesAt'>): boolean {
  const { uploadsCloseAt, votingClosesAt } = contest;
  if (votingClosesAt === null) return true;
  return uploadsCloseAt !== null && uploadsCloseAt <= votingClosesAt;
}

export function hasPassed(date: Date | null, now: Date): boolean {
  return date !== null && date <= now;
}
