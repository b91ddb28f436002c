import { sql, type Kysely } from 'kysely';
import type { MailOutbox, OutboxMail } from '@anb/core';
import type { Database } from '../database.ts';

export class PostgresMailOutbox implements MailOutbox {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async claimDue(limit: number, leaseSeconds: number): Promise<OutboxMail[]> {
    // SKIP LOCKED: dispatchers in several API tasks each take different messages.
    const rows = await sql<{
      id: string;
      recipient: string;
      subject: string;
      text_body: string;
      html_body: string;
      attempts: number;
    }>`
      update mail_outbox
      set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
      where id in (
        select id from mail_outbox
        where sent_at is null and failed_at is null and next_attempt_at <= now()
        order by next_attempt_at
        limit ${limit}
        for update skip locked
      )
      returning id, recipient, subject, text_body, html_body, attempts
    `.execute(this.#db);
    return rows.rows.map((row) => ({
      id: row.id,
      to: row.recipient,
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      attempts: row.attempts,
    }));
  }

  async markSent(id: string): Promise<void> {
    await this.#db
      .updateTable('mail_outbox')
      .set({ sent_at: new Date(), last_error: null })
      .where('id', '=', id)
      .execute();
  }

  async retryAt(id: string, at: Date, error: string): Promise<void> {
    await this.#db
      .updateTable('mail_outbox')
      .set({ next_attempt_at: at, last_error: error.slice(0, 1000) })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.#db
      .updateTable('mail_outbox')
      .set({ failed_at: new Date(), last_error: error.slice(0, 1000) })
      .where('id', '=', id)
      .execute();
  }

  async removeSent(before: Date): Promise<number> {
    const result = await this.#db.deleteFrom('mail_outbox').where('sent_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
