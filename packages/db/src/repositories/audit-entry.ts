import type { Transaction } from 'kysely';
import type { AuditEntry } from '@anb/core';
import type { Database } from '../database.ts';

/** Writes one audit entry in the caller's transaction: the change and its record commit together. */
export async function recordAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      actor_id: entry.actor.userId,
      actor_email: entry.actor.email,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      reason: entry.reason,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
