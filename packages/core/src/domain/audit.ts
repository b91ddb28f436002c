/** Every organiser action the audit log records. */
export const auditActions = [
  'grant_organiser',
  'revoke_organiser',
  'contest_updated',
  'video_hidden',
  'video_restored',
  'reports_dismissed',
  'user_suspended',
  'user_reinstated',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditTargetTypes = ['video', 'user', 'contest'] as const;
export type AuditTargetType = (typeof auditTargetTypes)[number];

/** Who acted: an organiser's account, or the command line (`npm run admin`), which has none. */
export type AuditActor = { userId: string; email: string } | { userId: null; email: null };

export const COMMAND_LINE: AuditActor = { userId: null, email: null };

/** One action, written in the same transaction as the change it records. */
export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string | null;
  reason: string | null;
  details?: Record<string, unknown>;
}

export interface RecordedAuditEntry extends AuditEntry {
  id: string;
  at: Date;
  details: Record<string, unknown>;
}
