import type { MailOutbox } from '../ports/mail-outbox.ts';
import type { Mailer } from '../ports/mailer.ts';

export interface MailDispatcherDeps {
  outbox: MailOutbox;
  mailer: Mailer;
  /** Sends tried per message before it is marked failed. */
  maxAttempts: number;
  now: () => Date;
  /** Told of each failed send, so operators see a mail service in trouble. */
  onSendFailed?: (failure: { id: string; to: string; attempts: number; error: unknown; givenUp: boolean }) => void;
}

/** How many messages one round takes, and how long they stay hidden from other dispatchers meanwhile. */
const BATCH = 20;
const LEASE_SECONDS = 120;
/** Waits after the 1st, 2nd… failed send: 5 s doubling, at most 15 min. */
const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 15 * 60_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_RETRY_MS);
}

/** Sends what the outbox holds: each message until it is taken, or until its attempts run out. */
export class MailDispatcher {
  readonly #deps: MailDispatcherDeps;

  constructor(deps: MailDispatcherDeps) {
    this.#deps = deps;
  }

  /** One round over the due messages; returns how many were sent. */
  async dispatchDue(): Promise<number> {
    const { outbox, mailer, maxAttempts, now } = this.#deps;
    let sent = 0;
    for (const mail of await outbox.claimDue(BATCH, LEASE_SECONDS)) {
      try {
        await mailer.send({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
        await outbox.markSent(mail.id);
        sent += 1;
      } catch (error) {
        const givenUp = mail.attempts >= maxAttempts;
        const reason = error instanceof Error ? error.message : String(error);
        if (givenUp) await outbox.markFailed(mail.id, reason);
        else await outbox.retryAt(mail.id, new Date(now().getTime() + retryDelayMs(mail.attempts)), reason);
        this.#deps.onSendFailed?.({ id: mail.id, to: mail.to, attempts: mail.attempts, error, givenUp });
      }
    }
    return sent;
  }
}
