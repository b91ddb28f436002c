import type { AuditActor } from '../domain/audit.ts';
import {
  contestPhase,
  hasPassed,
  isCoherentCalendar,
  nextDeadline,
  type ContestPhase,
  type ContestSettings,
} from '../domain/contest.ts';
import { InvalidCalendarError, UploadsClosedError, VotingClosedError } from '../domain/errors.ts';
import type { ContestRepository } from '../ports/contest-repository.ts';

const DISPLAY_MAX_AGE_MS = 1000;

export interface ContestView extends ContestSettings {
  /** IANA time zone the contest's dates are told in (CONTEST_TIME_ZONE). */
  timeZone: string;
  phase: ContestPhase;
  nextDeadlineAt: Date | null;
}

export interface ContestServiceDeps {
  contests: ContestRepository;
  timeZone: string;
  now?: () => Date;
}

/** The contest's calendar and words: read by anyone, set by organisers, and enforced on uploads and votes. */
export class ContestService {
  readonly #contests: ContestRepository;
  readonly #timeZone: string;
  readonly #now: () => Date;
  #recent: { settings: ContestSettings; readAt: number } | undefined;

  constructor({ contests, timeZone, now = () => new Date() }: ContestServiceDeps) {
    this.#contests = contests;
    this.#timeZone = timeZone;
    this.#now = now;
  }

  async current(): Promise<ContestView> {
    return this.#view(await this.#contests.get());
  }

  /** A date in the past takes effect at once: every check reads the stored dates. */
  async update(settings: ContestSettings, actor: AuditActor): Promise<ContestView> {
    if (!isCoherentCalendar(settings)) throw new InvalidCalendarError('voting closes before uploads');
    this.#recent = undefined;
    await this.#contests.save(settings, {
      actor,
      action: 'contest_updated',
      targetType: 'contest',
      targetId: null,
      reason: null,
      details: {
        name: settings.name,
        selected_per_city: settings.selectedPerCity,
        uploads_close_at: settings.uploadsCloseAt?.toISOString() ?? null,
        voting_closes_at: settings.votingClosesAt?.toISOString() ?? null,
      },
    });
    return this.#view(settings);
  }

  /**
   * The phase for a label on a busy read (the rankings' status), from settings read at most a second ago.
   * Refusals never use it: they read the stored dates.
   */
  async phaseForDisplay(): Promise<ContestPhase> {
    const now = this.#now();
    if (!this.#recent || now.getTime() - this.#recent.readAt > DISPLAY_MAX_AGE_MS) {
      this.#recent = { settings: await this.#contests.get(), readAt: now.getTime() };
    }
    return contestPhase(this.#recent.settings, now);
  }

  async assertUploadsOpen(): Promise<void> {
    const { uploadsCloseAt } = await this.#contests.get();
    if (uploadsCloseAt && hasPassed(uploadsCloseAt, this.#now())) {
      throw new UploadsClosedError(uploadsCloseAt, this.#timeZone);
    }
  }

  /** The refusal of a vote the database found past the deadline (the vote itself checks the date). */
  async votingClosed(): Promise<VotingClosedError> {
    const { votingClosesAt } = await this.#contests.get();
    return new VotingClosedError(votingClosesAt ?? this.#now(), this.#timeZone);
  }

  #view(settings: ContestSettings): ContestView {
    const now = this.#now();
    return {
      ...settings,
      timeZone: this.#timeZone,
      phase: contestPhase(settings, now),
      nextDeadlineAt: nextDeadline(settings, now),
    };
  }
}
