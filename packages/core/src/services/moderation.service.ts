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
import { objectKeys } from '../ports/object-store.ts';
import type { PublishedMedia } from '../ports/published-media.ts';
import type { ReviewedAccount, ReviewRepository } from '../ports/review-repository.ts';

/** Reports from the public, and what organisers do about videos and accounts; every action is audited. */
export class ModerationService {
  readonly #moderation: ModerationRepository;
  readonly #reviews: ReviewRepository;
  readonly #media: PublishedMedia;

  constructor(deps: { moderation: ModerationRepository; reviews: ReviewRepository; media: PublishedMedia }) {
    this.#moderation = deps.moderation;
    this.#reviews = deps.reviews;
    this.#media = deps.media;
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

  /**
   * Returns when it was hidden. Its files are withdrawn first: should the hide then fail, the
   * organiser's retry finishes it, and no moment exists where a hidden video is still served.
   */
  async hide(videoId: string, reason: string, actor: AuditActor): Promise<Date> {
    if (!isId(videoId)) throw new PublicVideoNotFoundError('no such video');
    await this.#media.withdraw(publishedFiles(videoId));
    // Harmless when the answer is no: an unpublished video's files, if any, are written anew when it is published.
    const outcome = await this.#moderation.hideVideo(videoId, { actor, reason });
    if (outcome === 'not_found') throw new PublicVideoNotFoundError('no such video');
    if (outcome === 'not_published') throw new VideoNotPublishedError('only a published video can be hidden');
    return outcome;
  }

  /** Its files answer again first, so the video is never listed with files that do not load. */
  async restore(videoId: string, reason: string | null, actor: AuditActor): Promise<void> {
    if (!isId(videoId)) throw new PublicVideoNotFoundError('no such video');
    await this.#media.reinstate(publishedFiles(videoId));
    const outcome = await this.#moderation.restoreVideo(videoId, { actor, reason });
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

/** What the public can fetch of a published video. */
const publishedFiles = (videoId: string) => [objectKeys.processed(videoId), objectKeys.poster(videoId)];
