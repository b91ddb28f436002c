import type { AccountRole } from '../domain/account-role.ts';
import type { AuditActor } from '../domain/audit.ts';
import type { ReportReason } from '../domain/reports.ts';

/** Who acts and why; each change is written to the audit log in its own transaction, with its target. */
export interface AuditNote {
  actor: AuditActor;
  reason: string | null;
}

export interface NewReport {
  id: string;
  videoId: string;
  reporterId: string;
  reason: ReportReason;
  details: string | null;
}

/**
 * The organiser's changes. Hiding, restoring, suspending and reinstating recount the counters they affect in
 * the same transaction, serialised with the vote tally and with concurrent votes, so counts stay exact.
 */
export interface ModerationRepository {
  /** Only a published video can be reported, once per user. */
  addReport(report: NewReport): Promise<'added' | 'already_reported' | 'not_found'>;
  /**
   * Takes a published video out of the gallery, the rankings and the results; its open reports are handled.
   * Returns when it was hidden.
   */
  hideVideo(videoId: string, note: AuditNote): Promise<Date | 'not_found' | 'not_published'>;
  restoreVideo(videoId: string, note: AuditNote): Promise<'restored' | 'not_found' | 'not_hidden'>;
  /** Marks the video's open reports handled; undefined when there is no such video. */
  dismissReports(videoId: string, note: AuditNote): Promise<number | undefined>;
  suspend(
    userId: string,
    voidVotes: boolean,
    note: AuditNote,
  ): Promise<'suspended' | 'not_found' | 'already_suspended'>;
  /** Lifts the suspension, and counts the account's votes again if they were voided. */
  reinstate(userId: string, note: AuditNote): Promise<'reinstated' | 'not_found' | 'not_suspended'>;
  /** Sets the role of the account with this e-mail; 'unchanged' when it already had it. */
  setRole(email: string, role: AccountRole, note: AuditNote): Promise<'changed' | 'unchanged' | 'not_found'>;
}
