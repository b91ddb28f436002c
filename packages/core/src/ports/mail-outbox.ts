import type { MailMessage } from './mailer.ts';

/** A queued message and how many sends were tried, this one included. */
export interface OutboxMail extends MailMessage {
  id: string;
  attempts: number;
}

/** Messages waiting to be sent; kept in the database so a failed or interrupted send loses nothing. */
export interface MailOutbox {
  /**
   * Takes up to `limit` due messages, counts an attempt on each and hides them from other dispatchers for
   * `leaseSeconds` (a crashed dispatcher's messages come back then).
   */
  claimDue(limit: number, leaseSeconds: number): Promise<OutboxMail[]>;
  markSent(id: string): Promise<void>;
  retryAt(id: string, at: Date, error: string): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  /** Removes messages sent before `before`; returns how many. */
  removeSent(before: Date): Promise<number>;
}
