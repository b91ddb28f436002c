import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { StreamSentMessageInfo, Transporter } from 'nodemailer';
import type { Mailer, MailMessage } from '@anb/core';
import { linksIn } from './links-in.ts';

export interface FileMailerOptions {
  /** Folder for the `.eml` files, e.g. `${DATA_DIR}/mail`; created on first send. */
  dir: string;
  from: string;
  /** Receives one line per message: recipient, subject and links, so a developer can click through. */
  log: (line: string) => void;
}

/** The embedded default: each message becomes an RFC 5322 `.eml` file any mail client opens, and a log line. */
export class FileMailer implements Mailer {
  readonly dir: string;
  readonly #from: string;
  readonly #log: (line: string) => void;
  // RFC 5322 lines end in CRLF; mail clients and parsers expect it in a saved message.
  readonly #composer: Transporter<StreamSentMessageInfo> = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });

  constructor({ dir, from, log }: FileMailerOptions) {
    this.dir = dir;
    this.#from = from;
    this.#log = log;
  }

  async send({ to, subject, text, html }: MailMessage): Promise<void> {
    const info = await this.#composer.sendMail({ from: this.#from, to, subject, text, html });
    // `buffer: true` makes the message a Buffer rather than a stream.
    const file = await this.#write(info.message as Buffer);
    const links = linksIn(text);
    this.#log(['mail to', oneLine(to), `"${oneLine(subject)}"`, ...links, `(${file})`].join(' '));
  }

  /** Writes under a hidden temp name then renames, so a reader never sees half a message. */
  async #write(message: Buffer): Promise<string> {
    // The messages hold sign-in links: readable by this user only.
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const name = `${new Date().toISOString().replaceAll(':', '-')}-${randomBytes(4).toString('hex')}.eml`;
    const file = path.join(this.dir, name);
    const temp = path.join(this.dir, `.${name}.tmp`);
    try {
      await writeFile(temp, message, { mode: 0o600, flag: 'wx' });
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return file;
  }
}

/** Keeps a log entry on one line whatever a subject or address holds. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ');
}
