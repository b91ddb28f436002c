import type { AuditEntry } from '../domain/audit.ts';
import type { ContestSettings } from '../domain/contest.ts';

export interface ContestRepository {
  get(): Promise<ContestSettings>;
  /** Replaces the settings and records the change in the audit log, in one transaction. */
  save(settings: ContestSettings, audit: AuditEntry): Promise<void>;
}
