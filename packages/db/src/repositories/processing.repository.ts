import type { Kysely } from 'kysely';
import type { ClaimOutcome, ProcessingRepository, PublishOutcome } from '@anb/core';
import type { Database } from '../database.ts';

export class PostgresProcessingRepository implements ProcessingRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async claimForProcessing(videoId: string): Promise<ClaimOutcome> {
    const claimed = await this.#db
      .updateTable('videos')
      .set((eb) => ({ status: 'processing', attempts: eb('attempts', '+', 1), progress: 0, updated_at: new Date() }))
      .where('id', '=', videoId)
      .where('status', 'in', ['uploaded', 'processing'])
      .returning(['original_key', 'attempts'])
      .executeTakeFirst();
    return claimed
      ? { kind: 'claimed', originalKey: claimed.original_key, attempts: claimed.attempts }
      : { kind: 'nothing_to_do' };
  }

  async markProcessed(videoId: string, outputs: { processedKey: string; posterKey: string }): Promise<PublishOutcome> {
    const now = new Date();
    const published = await this.#db
      .updateTable('videos')
      .set({
        status: 'processed',
        processed_key: outputs.processedKey,
        poster_key: outputs.posterKey,
        processed_at: now,
        failure_reason: null,
        progress: null,
        updated_at: now,
      })
      .where('id', '=', videoId)
      .where('status', '=', 'processing')
      .returning('id')
      .executeTakeFirst();
    if (published) return 'published';
    const current = await this.#db
      .selectFrom('videos')
      .select(['status', 'processed_key'])
      .where('id', '=', videoId)
      .executeTakeFirst();
    return current?.status === 'processed' && current.processed_key === outputs.processedKey
      ? 'published_by_another_run'
      : 'gone';
  }

  async recordProgress(videoId: string, percent: number): Promise<void> {
    // Not updated_at: that marks state changes, and progress is not one.
    await this.#db
      .updateTable('videos')
      .set({ progress: percent })
      .where('id', '=', videoId)
      .where('status', '=', 'processing')
      .execute();
  }

  async markFailed(videoId: string, reason: string): Promise<void> {
    await this.#db
      .updateTable('videos')
      .set({ status: 'failed', failure_reason: reason, progress: null, updated_at: new Date() })
      .where('id', '=', videoId)
      .where('status', 'in', ['uploaded', 'processing'])
      .execute();
  }
}
