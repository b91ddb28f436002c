import { sql, type Kysely, type Transaction } from 'kysely';
import type { AccountRole, AuditNote, ModerationRepository, NewReport } from '@anb/core';
import type { Database } from '../database.ts';
import { isUniqueViolation } from '../postgres-errors.ts';
import { recordAudit } from './audit-entry.ts';
import { recountPlayer, recountVoter } from './recount.ts';
import { holdTallyLock } from './vote-tally.repository.ts';

/**
 * The organiser's changes, each in one transaction with its audit entry. Those that change what counts hold
 * the tally's lock and recount what they touched from the rows, so counters stay exact (ADR 28).
 */
export class PostgresModerationRepository implements ModerationRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async addReport(report: NewReport): Promise<'added' | 'already_reported' | 'not_found'> {
    try {
      const added = await this.#db
        .insertInto('video_reports')
        .columns(['id', 'video_id', 'reporter_id', 'reason', 'details'])
        .expression((eb) =>
          eb
            .selectFrom('videos')
            .select([
              sql<string>`${report.id}::uuid`.as('id'),
              'id as video_id',
              sql<string>`${report.reporterId}::uuid`.as('reporter_id'),
              sql<string>`${report.reason}`.as('reason'),
              sql<string | null>`${report.details}`.as('details'),
            ])
            .where('id', '=', report.videoId)
            .where('status', '=', 'processed'),
        )
        .returning('id')
        .executeTakeFirst();
      return added ? 'added' : 'not_found';
    } catch (error) {
      if (isUniqueViolation(error, 'video_reports_video_id_reporter_id_key')) return 'already_reported';
      throw error;
    }
  }

  hideVideo(videoId: string, note: AuditNote): Promise<Date | 'not_found' | 'not_published'> {
    return this.#db.transaction().execute(async (trx) => {
      await holdTallyLock(trx);
      const hiddenAt = new Date();
      const hidden = await trx
        .updateTable('videos')
        .set({ status: 'hidden', hidden_at: hiddenAt, hidden_reason: note.reason, updated_at: hiddenAt })
        .where('id', '=', videoId)
        .where('status', '=', 'processed')
        .returning('owner_id')
        .executeTakeFirst();
      if (!hidden) return (await videoExists(trx, videoId)) ? 'not_published' : 'not_found';
      const handled = await handleOpenReports(trx, videoId);
      await recountPlayer(trx, hidden.owner_id);
      await recordAudit(trx, {
        ...note,
        action: 'video_hidden',
        targetType: 'video',
        targetId: videoId,
        details: { handled_reports: handled },
      });
      return hiddenAt;
    });
  }

  restoreVideo(videoId: string, note: AuditNote): Promise<'restored' | 'not_found' | 'not_hidden'> {
    return this.#db.transaction().execute(async (trx) => {
      await holdTallyLock(trx);
      const restored = await trx
        .updateTable('videos')
        .set({ status: 'processed', hidden_at: null, hidden_reason: null, updated_at: new Date() })
        .where('id', '=', videoId)
        .where('status', '=', 'hidden')
        .returning('owner_id')
        .executeTakeFirst();
      if (!restored) return (await videoExists(trx, videoId)) ? 'not_hidden' : 'not_found';
      await recountPlayer(trx, restored.owner_id);
      await recordAudit(trx, { ...note, action: 'video_restored', targetType: 'video', targetId: videoId });
      return 'restored';
    });
  }

  dismissReports(videoId: string, note: AuditNote): Promise<number | undefined> {
    return this.#db.transaction().execute(async (trx) => {
      if (!(await videoExists(trx, videoId))) return undefined;
      const dismissed = await handleOpenReports(trx, videoId);
      await recordAudit(trx, {
        ...note,
        action: 'reports_dismissed',
        targetType: 'video',
        targetId: videoId,
        details: { dismissed },
      });
      return dismissed;
    });
  }

  suspend(
    userId: string,
    voidVotes: boolean,
    note: AuditNote,
  ): Promise<'suspended' | 'not_found' | 'already_suspended'> {
    return this.#db.transaction().execute(async (trx) => {
      await holdTallyLock(trx);
      const suspended = await trx
        .updateTable('users')
        .set({ suspended_at: new Date(), suspension_reason: note.reason, votes_voided: voidVotes })
        .where('id', '=', userId)
        .where('suspended_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!suspended) return (await userExists(trx, userId)) ? 'already_suspended' : 'not_found';
      if (voidVotes) await recountVoter(trx, userId);
      await recordAudit(trx, {
        ...note,
        action: 'user_suspended',
        targetType: 'user',
        targetId: userId,
        details: { void_votes: voidVotes },
      });
      return 'suspended';
    });
  }

  reinstate(userId: string, note: AuditNote): Promise<'reinstated' | 'not_found' | 'not_suspended'> {
    return this.#db.transaction().execute(async (trx) => {
      await holdTallyLock(trx);
      const before = await trx
        .selectFrom('users')
        .select(['suspended_at', 'votes_voided'])
        .where('id', '=', userId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) return 'not_found';
      if (before.suspended_at === null) return 'not_suspended';
      await trx
        .updateTable('users')
        .set({ suspended_at: null, suspension_reason: null, votes_voided: false })
        .where('id', '=', userId)
        .execute();
      if (before.votes_voided) await recountVoter(trx, userId);
      await recordAudit(trx, {
        ...note,
        action: 'user_reinstated',
        targetType: 'user',
        targetId: userId,
        details: { votes_restored: before.votes_voided },
      });
      return 'reinstated';
    });
  }

  setRole(email: string, role: AccountRole, note: AuditNote): Promise<'changed' | 'unchanged' | 'not_found'> {
    return this.#db.transaction().execute(async (trx) => {
      const account = await trx
        .selectFrom('users')
        .select(['id', 'role'])
        .where('email', '=', email)
        .forUpdate()
        .executeTakeFirst();
      if (!account) return 'not_found';
      if (account.role === role) return 'unchanged';
      await trx.updateTable('users').set({ role }).where('id', '=', account.id).execute();
      await recordAudit(trx, {
        ...note,
        action: role === 'organiser' ? 'grant_organiser' : 'revoke_organiser',
        targetType: 'user',
        targetId: account.id,
        details: { email },
      });
      return 'changed';
    });
  }
}

async function handleOpenReports(trx: Transaction<Database>, videoId: string): Promise<number> {
  const result = await trx
    .updateTable('video_reports')
    .set({ handled_at: new Date() })
    .where('video_id', '=', videoId)
    .where('handled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

async function videoExists(trx: Transaction<Database>, videoId: string): Promise<boolean> {
  return (await trx.selectFrom('videos').select('id').where('id', '=', videoId).executeTakeFirst()) !== undefined;
}

async function userExists(trx: Transaction<Database>, userId: string): Promise<boolean> {
  return (await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()) !== undefined;
}
