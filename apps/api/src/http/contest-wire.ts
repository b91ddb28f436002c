import type { ContestView } from '@anb/core';
import { toIso } from './timestamps.ts';

/** The contest as `GET /api/contest` and `PUT /api/admin/contest` answer it. */
export function contestWire(contest: ContestView) {
  return {
    name: contest.name,
    rules: contest.rules,
    selected_per_city: contest.selectedPerCity,
    time_zone: contest.timeZone,
    uploads_close_at: contest.uploadsCloseAt ? toIso(contest.uploadsCloseAt) : null,
    voting_closes_at: contest.votingClosesAt ? toIso(contest.votingClosesAt) : null,
    phase: contest.phase,
    next_deadline_at: contest.nextDeadlineAt ? toIso(contest.nextDeadlineAt) : null,
  };
}
