import { sql, type Kysely } from 'kysely';
import type { UnfinishedUpload, UnfinishedUploadRepository } from '@anb/core';
import type { Database } from '../database.ts';

export class PostgresUnfinishedUploadRepository implements UnfinishedUploadRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Under a lock per owner (held until commit), so two creations at once cannot both take the last place. */
  async reserve(upload: UnfinishedUpload, max: number): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`unfinished-uploads|${upload.ownerId}`}, 0))`.execute(
        trx,
      );
      // An expired upload frees its place even before the store's sweep removes its bytes.
      await sql`delete from unfinished_uploads where owner_id = ${upload.ownerId} and expires_at <= now()`.execute(trx);
      const { rows } = await sql<{ held: number }>`
        select count(*)::integer as held from unfinished_uploads where owner_id = ${upload.ownerId}
      `.execute(trx);
      if ((rows[0]?.held ?? 0) >= max) return false;
      await sql`
        insert into unfinished_uploads (id, owner_id, expires_at)
        values (${upload.id}, ${upload.ownerId}, ${upload.expiresAt})
      `.execute(trx);
      return true;
    });
  }

  async release(id: string): Promise<void> {
    await sql`delete from unfinished_uploads where id = ${id}`.execute(this.#db);
  }
}
