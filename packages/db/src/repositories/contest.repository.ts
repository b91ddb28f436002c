import type { Kysely } from 'kysely';
import type { AuditEntry, ContestRepository, ContestSettings } from '@anb/core';
import type { Database } from '../database.ts';
import { recordAudit } from './audit-entry.ts';

export class PostgresContestRepository implements ContestRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** The single row the migration created. */
  get(): Promise<ContestSettings> {
    return this.#db
      .selectFrom('contest')
      .select([
        'name',
        'rules',
        'selected_per_city as selectedPerCity',
        'uploads_close_at as uploadsCloseAt',
        'voting_closes_at as votingClosesAt',
      ])
      .executeTakeFirstOrThrow();
  }

  async save(settings: ContestSettings, audit: AuditEntry): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .updateTable('contest')
        .set({
          name: settings.name,
          rules: settings.rules,
          selected_per_city: settings.selectedPerCity,
          uploads_close_at: settings.uploadsCloseAt,
          voting_closes_at: settings.votingClosesAt,
          updated_at: new Date(),
        })
        .execute();
      await recordAudit(trx, audit);
    });
  }
}
