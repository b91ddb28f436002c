import type { AuditActor } from '../domain/audit.ts';
import {
  AlreadyReportedError,
  AlreadySuspendedError,
  CannotSuspendSelfError,
  NotSuspendedError,
  PublicVideoNotFoundError,
  UserNotFoundError,
  VideoNotHiddenError,
  VideoNotPublishedError,
} from '../domain/errors.ts';
import { isId, newId } from '../domain/ids.ts';
import type { ReportReason } from '../domain/reports.ts';
import type { ModerationRepository } from '../ports/moderation-repository.ts';
import type { ReviewedAccount, ReviewRepository } from '../ports/review-repository.ts';

/** Reports from the public, and what organisers do about videos and accounts; every action is audited. */
export class ModerationService {
  readonly #moderation: ModerationRepository;
  readonly #reviews: ReviewRepository;

  constructor(deps: { moderation: ModerationRepository; reviews: ReviewRepository }) {
    this.#moderation = deps.moderation;
    this.#reviews = deps.reviews;
  }

  /** Returns the report's id. */
  async report(videoId: string, reporterId: string, reason: ReportReason, details: string | null): Promise<string> {
    const id = newId();
    const outcome = isId(videoId)
      ? await this.#moderation.addReport({ id, videoId, reporterId, reason, details })
      : 'not_found';
    if (outcome === 'not_found') throw new PublicVideoNotFoundError('video not found or not published');
    if (outcome === 'already_reported') throw new AlreadyReportedError('already reported this video');
    return id;
  }

  /** Returns when it was hidden. */
  async hide(videoId: string, reason: string, actor: AuditActor): Promise<Date> {
    const outcome = isId(videoId) ? await this.#moderation.hideVideo(videoId, { actor, reason }) : 'not_found';
    if (outcome === 'not_found') throw new PublicVideoNotFoundError('no such video');
    if (outcome === 'not_published') throw new VideoNotPublishedError('only a published video can be hidden');
    return outcome;
  }

  async restore(videoId: string, reason: string | null, actor: AuditActor): Promise<void> {
    const outcome = isId(videoId) ? await this.#moderation.restoreVideo(videoId, { actor, reason }) : 'not_found';
    if (outcome === 'not_found') throw new PublicVideoNotFoundError('no such video');
    if (outcome === 'not_hidden') throw new VideoNotHiddenError('the video is not hidden');
  }

  /** Returns how many open reports were dismissed. */
  async dismissReports(videoId: string, reason: string, actor: AuditActor): Promise<number> {
    const dismissed = isId(videoId) ? await this.#moderation.dismissReports(videoId, { actor, reason }) : undefined;
    if (dismissed === undefined) throw new PublicVideoNotFoundError('no such video');
    return dismissed;
  }

  async suspend(
    userId: string,
    { reason, voidVotes }: { reason: string; voidVotes: boolean },
    actor: AuditActor,
  ): Promise<ReviewedAccount> {
    if (userId === actor.userId) throw new CannotSuspendSelfError('an organiser cannot suspend themselves');
    const outcome = isId(userId) ? await this.#moderation.suspend(userId, voidVotes, { actor, reason }) : 'not_found';
    if (outcome === 'already_suspended') throw new AlreadySuspendedError('already suspended');
    return this.#account(outcome === 'not_found' ? undefined : userId);
  }

  async reinstate(userId: string, reason: string | null, actor: AuditActor): Promise<ReviewedAccount> {
    const outcome = isId(userId) ? await this.#moderation.reinstate(userId, { actor, reason }) : 'not_found';
    if (outcome === 'not_suspended') throw new NotSuspendedError('not suspended');
    return this.#account(outcome === 'not_found' ? undefined : userId);
  }

  /** `npm run admin -- grant-organiser`; the e-mail is matched as accounts store it (lower case). */
  grantOrganiser(email: string, actor: AuditActor): Promise<'changed' | 'unchanged' | 'not_found'> {
    return this.#moderation.setRole(email.trim().toLowerCase(), 'organiser', { actor, reason: null });
  }

  revokeOrganiser(email: string, actor: AuditActor): Promise<'changed' | 'unchanged' | 'not_found'> {
    return this.#moderation.setRole(email.trim().toLowerCase(), 'player', { actor, reason: null });
  }

  async #account(userId: string | undefined): Promise<ReviewedAccount> {
    const account = userId === undefined ? undefined : await this.#reviews.account(userId);
    if (!account) throw new UserNotFoundError('no such account');
    return account;
  }
}
