import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Mailer, MailMessage } from '@anb/core';

/** How long each step may take before a send fails, so a dead or stuck server never holds the outbox. */
export interface SmtpTimeouts {
  /** Opening the TCP (or TLS) connection. */
  connectMs: number;
  /** Waiting for the server's 220 greeting after connecting. */
  greetingMs: number;
  /** Silence from the server at any later step. */
  idleMs: number;
  /** The whole send, however chatty a slow server is; aborts the connection. */
  sendMs: number;
}

// At worst a minute per send; the outbox retries later, so failing beats waiting on a dead server.
export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = {
  connectMs: 10_000,
  greetingMs: 10_000,
  idleMs: 30_000,
  sendMs: 60_000,
};

export interface SmtpMailerOptions {
  /**
   * `smtp://user:pass@host:587` (STARTTLS when the server offers it) or `smtps://user:pass@host:465` (TLS).
   * Query parameters set nodemailer's options: `?tls.rejectUnauthorized=false`, `?ignoreTLS=true`.
   */
  url: string;
  /** The From header, e.g. `ANB Rising Stars <no-reply@example.com>`. */
  from: string;
  timeouts?: Partial<SmtpTimeouts>;
}

/** Whether the URL's host is a loopback name or address. */
function onThisMachine(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/** Sends through any SMTP server, one connection per message (the outbox sends a few at a time). */
export class SmtpMailer implements Mailer {
  readonly #transport: Transporter;
  readonly #from: string;
  readonly #sendMs: number;

  constructor({ url, from, timeouts }: SmtpMailerOptions) {
    const { connectMs, greetingMs, idleMs, sendMs } = { ...DEFAULT_SMTP_TIMEOUTS, ...timeouts };
    // nodemailer reads host, port, TLS mode and the percent-decoded credentials from the URL.
    this.#transport = nodemailer.createTransport({
      url,
      // Traffic to this machine crosses no network, so a relay or test listener here may offer STARTTLS with a
      // certificate nobody can verify. Anywhere else the certificate must verify. The URL's own tls.* wins.
      ...(onThisMachine(url) ? { tls: { rejectUnauthorized: false } } : {}),
      connectionTimeout: connectMs,
      greetingTimeout: greetingMs,
      socketTimeout: idleMs,
      dnsTimeout: connectMs,
    });
    this.#from = from;
    this.#sendMs = sendMs;
  }

  async send({ to, subject, text, html }: MailMessage): Promise<void> {
    await this.#transport.sendMail({
      from: this.#from,
      to,
      subject,
      text,
      html,
      signal: AbortSignal.timeout(this.#sendMs),
    });
  }

  async close(): Promise<void> {
    this.#transport.close();
  }
}
