import { describe, expect, it } from 'vitest';
import type { MailMessage, Mailer } from '../src/ports/mailer.ts';
import type { MailOutbox, OutboxMail } from '../src/ports/mail-outbox.ts';
import { MailDispatcher, retryDelayMs } from '../src/services/mail-dispatcher.ts';

/** An outbox in memory, keeping what a dispatcher did to each message. */
class MemoryOutbox implements MailOutbox {
  readonly mails = new Map<string, OutboxMail & { dueAt: number; sent: boolean; failed: boolean; error?: string }>();
  readonly #clock: { now: number };
  constructor(clock: { now: number }) {
    this.#clock = clock;
  }
  add(id: string, message: MailMessage) {
    this.mails.set(id, { ...message, id, attempts: 0, dueAt: 0, sent: false, failed: false });
  }
  async claimDue(limit: number, leaseSeconds: number) {
    const due = [...this.mails.values()].filter((m) => !m.sent && !m.failed && m.dueAt <= this.#clock.now);
    return due.slice(0, limit).map((mail) => {
      mail.attempts += 1;
      mail.dueAt = this.#clock.now + leaseSeconds * 1000;
      return { ...mail };
    });
  }
  async markSent(id: string) {
    this.mails.get(id)!.sent = true;
  }
  async retryAt(id: string, at: Date, error: string) {
    Object.assign(this.mails.get(id)!, { dueAt: at.getTime(), error });
  }
  async markFailed(id: string, error: string) {
    Object.assign(this.mails.get(id)!, { failed: true, error });
  }
  async removeSent() {
    return 0;
  }
}

/** Fails the first `failures` sends, then takes every message. */
class FlakyMailer implements Mailer {
  readonly delivered: MailMessage[] = [];
  #failures: number;
  constructor(failures: number) {
    this.#failures = failures;
  }
  async send(message: MailMessage) {
    if (this.#failures > 0) {
      this.#failures -= 1;
      throw new Error('421 service not available');
    }
    this.delivered.push(message);
  }
}

const message: MailMessage = { to: 'ana@example.com', subject: 'Hola', text: 'texto', html: '<p>texto</p>' };

function setUp(failures: number, maxAttempts = 5) {
  const clock = { now: 1_000_000 };
  const outbox = new MemoryOutbox(clock);
  const mailer = new FlakyMailer(failures);
  const failed: { attempts: number; givenUp: boolean }[] = [];
  const dispatcher = new MailDispatcher({
    outbox,
    mailer,
    maxAttempts,
    now: () => new Date(clock.now),
    onSendFailed: ({ attempts, givenUp }) => failed.push({ attempts, givenUp }),
  });
  outbox.add('m1', message);
  return { clock, outbox, mailer, dispatcher, failed };
}

describe('MailDispatcher', () => {
  it('sends a due message once and marks it sent', async () => {
    const { outbox, mailer, dispatcher } = setUp(0);
    expect(await dispatcher.dispatchDue()).toBe(1);
    expect(await dispatcher.dispatchDue()).toBe(0);
    expect(mailer.delivered).toEqual([message]);
    expect(outbox.mails.get('m1')).toMatchObject({ sent: true, attempts: 1 });
  });

  it('keeps a message whose send failed, retries it after a growing wait, and sends it then', async () => {
    const { clock, outbox, mailer, dispatcher, failed } = setUp(2);
    await dispatcher.dispatchDue();
    expect(outbox.mails.get('m1')).toMatchObject({ sent: false, failed: false, error: '421 service not available' });
    expect(outbox.mails.get('m1')!.dueAt).toBe(clock.now + retryDelayMs(1));

    expect(await dispatcher.dispatchDue()).toBe(0); // not due yet
    clock.now += retryDelayMs(1);
    await dispatcher.dispatchDue();
    expect(outbox.mails.get('m1')!.dueAt).toBe(clock.now + retryDelayMs(2));
    clock.now += retryDelayMs(2);
    expect(await dispatcher.dispatchDue()).toBe(1);
    expect(mailer.delivered).toEqual([message]);
    expect(failed).toEqual([
      { attempts: 1, givenUp: false },
      { attempts: 2, givenUp: false },
    ]);
  });

  it('gives up after the last attempt, keeping the message marked failed', async () => {
    const { clock, outbox, dispatcher, failed } = setUp(10, 3);
    for (let round = 1; round <= 3; round += 1) {
      await dispatcher.dispatchDue();
      clock.now += retryDelayMs(round);
    }
    expect(outbox.mails.get('m1')).toMatchObject({ failed: true, sent: false, attempts: 3 });
    expect(failed.at(-1)).toEqual({ attempts: 3, givenUp: true });
    expect(await dispatcher.dispatchDue()).toBe(0);
  });

  it('waits 5 s after the first failure, doubling up to 15 min', () => {
    expect([1, 2, 3, 8, 20].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 640_000, 900_000]);
  });
});
