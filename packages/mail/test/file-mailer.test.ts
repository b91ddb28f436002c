import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailMessage } from '@anb/core';
import { FileMailer } from '../src/index.ts';
import { parseMessage } from './parse-message.ts';

const FROM = 'ANB Rising Stars <no-reply@localhost>';
const LINK = 'https://anb.test/verificar-correo?token=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1u';
const MESSAGE: MailMessage = {
  to: 'ana.perez@ejemplo.com',
  subject: 'Confirma tu correo electrónico',
  text: `Hola Ana,\n\nConfirma tu dirección: ${LINK}.\n\nSi no fuiste tú, ignora este mensaje.`,
  html: `<p>Hola Ana,</p><p><a href="${LINK}">Confirmar mi dirección</a></p>`,
};

let workDir: string;
let mailDir: string;
let lines: string[];
let mailer: FileMailer;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'anb-file-mailer-'));
  // A folder that does not exist yet, as on a fresh checkout.
  mailDir = path.join(workDir, 'data', 'mail');
  lines = [];
  mailer = new FileMailer({ dir: mailDir, from: FROM, log: (line) => lines.push(line) });
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('FileMailer', () => {
  it('writes exactly one .eml, an RFC 5322 message with CRLF line ends and both parts', async () => {
    await mailer.send(MESSAGE);

    const files = await readdir(mailDir);
    expect(files).toHaveLength(1);
    const [file] = files as [string];
    // Sortable by time, no characters a filesystem refuses, a random tail so two sends never collide.
    expect(file).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z-[0-9a-f]{8}\.eml$/);

    const raw = await readFile(path.join(mailDir, file), 'utf8');
    expect(raw).not.toMatch(/(?<!\r)\n/);
    expect(raw).toMatch(/\r\n$/);
    const message = parseMessage(raw);
    expect(message.headers.get('from')).toBe(FROM);
    expect(message.headers.get('to')).toBe(MESSAGE.to);
    expect(message.headers.get('subject')).toBe(MESSAGE.subject);
    expect(new Date(message.headers.get('date') ?? '').getTime()).not.toBeNaN();
    expect(message.headers.get('message-id')).toMatch(/^<[^@\s]+@localhost>$/);
    expect(message.headers.get('mime-version')).toBe('1.0');
    expect(message.headers.get('content-type')).toMatch(/^multipart\/alternative;/);
    expect(message.parts.map((part) => part.headers.get('content-type'))).toEqual([
      'text/plain; charset=utf-8',
      'text/html; charset=utf-8',
    ]);
    expect(message.parts[0]?.body.replaceAll('\r\n', '\n')).toBe(MESSAGE.text);
    expect(message.parts[1]?.body).toBe(MESSAGE.html);
  });

  it('logs one line naming the recipient, the subject, the link of the text and the file', async () => {
    await mailer.send(MESSAGE);

    const [file] = await readdir(mailDir);
    expect(lines).toEqual([
      `mail to ana.perez@ejemplo.com "Confirma tu correo electrónico" ${LINK} (${path.join(mailDir, file ?? '')})`,
    ]);
  });

  it('keeps each message in its own file, readable by this user only', async () => {
    await mailer.send(MESSAGE);
    await mailer.send({ ...MESSAGE, to: 'luis@ejemplo.com' });

    const files = await readdir(mailDir);
    expect(files.filter((name) => name.endsWith('.eml'))).toHaveLength(2);
    // No temp file is left behind.
    expect(files).toHaveLength(2);
    if (process.platform !== 'win32') {
      expect((await stat(mailDir)).mode & 0o777).toBe(0o700);
      for (const name of files) expect((await stat(path.join(mailDir, name))).mode & 0o777).toBe(0o600);
    }
  });
});
