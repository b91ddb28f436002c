import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { MailMessage } from '@anb/core';
import { SmtpMailer } from '../src/index.ts';
import { parseMessage } from './parse-message.ts';
import { startSmtpTestServer } from './smtp-test-server.ts';
import type { SmtpTestServer } from './smtp-test-server.ts';

const FROM = 'ANB Rising Stars <no-reply@anb.test>';
const MESSAGE: MailMessage = {
  to: 'ana.perez@ejemplo.com',
  subject: 'Confirma tu correo, Ana Pérez: ¡tu votación empieza aquí! (ñandú)',
  text: 'Hola Ana,\n\nConfirma tu dirección aquí: https://anb.test/verificar-correo?token=abc123\n\nGracias.',
  html: '<p>Hola Ana,</p><p><a href="https://anb.test/verificar-correo?token=abc123">Confirma tu dirección</a></p>',
};
// Characters that must be percent-encoded in a URL's userinfo, to show they arrive decoded.
const USER = 'mailer@anb.test';
const PASSWORD = 'pá ss/word:@%';

let server: SmtpTestServer | undefined;
let mailer: SmtpMailer | undefined;
const rawServers: { server: Server; sockets: Socket[] }[] = [];

afterEach(async () => {
  await mailer?.close();
  await server?.close();
  for (const raw of rawServers.splice(0)) {
    for (const socket of raw.sockets) socket.destroy();
    raw.server.close();
  }
  mailer = undefined;
  server = undefined;
});

const urlFor = (port: number) => `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`;

/** A TCP listener that accepts connections and says `greeting` (or nothing), then never answers. */
async function startSilentServer(greeting?: string): Promise<number> {
  const sockets: Socket[] = [];
  const tcp = createServer((socket) => {
    sockets.push(socket);
    if (greeting !== undefined) socket.write(`${greeting}\r\n`);
  });
  rawServers.push({ server: tcp, sockets });
  tcp.listen(0, '127.0.0.1');
  await once(tcp, 'listening');
  return (tcp.address() as AddressInfo).port;
}

/** A port that was free a moment ago and has no listener now. */
async function closedPort(): Promise<number> {
  const tcp = createServer();
  tcp.listen(0, '127.0.0.1');
  await once(tcp, 'listening');
  const { port } = tcp.address() as AddressInfo;
  tcp.close();
  await once(tcp, 'close');
  return port;
}

describe('SmtpMailer', () => {
  it('delivers one multipart/alternative message with the UTF-8 subject, authenticated with the URL credentials', async () => {
    server = await startSmtpTestServer();
    mailer = new SmtpMailer({ url: urlFor(server.port), from: FROM });

    await mailer.send(MESSAGE);

    expect(server.received).toHaveLength(1);
    const [mail] = server.received;
    expect(mail?.user).toEqual({ username: USER, password: PASSWORD });
    expect(mail?.mailFrom).toBe('no-reply@anb.test');
    expect(mail?.rcptTo).toEqual([MESSAGE.to]);

    const message = parseMessage(mail?.raw ?? '');
    expect(message.headers.get('from')).toBe(FROM);
    expect(message.headers.get('to')).toBe(MESSAGE.to);
    expect(message.headers.get('subject')).toBe(MESSAGE.subject);
    // On the wire the subject is RFC 2047 encoded words: header fields are ASCII.
    expect(message.rawHeaders.get('subject')).toMatch(/^[\x20-\x7e]+$/);
    expect(message.rawHeaders.get('subject')).toMatch(/=\?UTF-8\?[QB]\?/i);
    expect(message.headers.get('mime-version')).toBe('1.0');
    expect(message.headers.get('content-type')).toMatch(/^multipart\/alternative;/);

    const [plain, html] = message.parts;
    expect(message.parts).toHaveLength(2);
    expect(plain?.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(plain?.body.replaceAll('\r\n', '\n')).toBe(MESSAGE.text);
    expect(html?.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html?.body).toBe(MESSAGE.html);
  });

  it('upgrades with STARTTLS to a listener on this machine whose certificate cannot be verified', async () => {
    server = await startSmtpTestServer({ starttls: true });
    mailer = new SmtpMailer({ url: urlFor(server.port), from: FROM });

    await mailer.send(MESSAGE);

    expect(server.received.map((mail) => mail.overTls)).toEqual([true]);
  });

  it('verifies that certificate when the URL asks (tls.rejectUnauthorized=true), and nothing is delivered', async () => {
    server = await startSmtpTestServer({ starttls: true });
    mailer = new SmtpMailer({ url: `${urlFor(server.port)}?tls.rejectUnauthorized=true`, from: FROM });

    await expect(mailer.send(MESSAGE)).rejects.toThrow(/certificate/);
    expect(server.received).toEqual([]);
  });

  it('rejects when the server refuses the recipient, and nothing is delivered', async () => {
    server = await startSmtpTestServer({ refuseRecipient: true });
    mailer = new SmtpMailer({ url: urlFor(server.port), from: FROM });

    await expect(mailer.send(MESSAGE)).rejects.toThrow(/No such mailbox/);
    expect(server.received).toEqual([]);
  });

  it('rejects at once when nothing listens on the port', async () => {
    const port = await closedPort();
    mailer = new SmtpMailer({ url: urlFor(port), from: FROM });

    await expect(mailer.send(MESSAGE)).rejects.toMatchObject({ code: 'ESOCKET' });
  });

  it('rejects when the server accepts the connection but never greets', async () => {
    const port = await startSilentServer();
    mailer = new SmtpMailer({ url: urlFor(port), from: FROM, timeouts: { greetingMs: 200 } });

    await expect(mailer.send(MESSAGE)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
  });

  it('gives up on a server that greets and then stalls, after the whole-send deadline', async () => {
    const port = await startSilentServer('220 anb.test ESMTP');
    mailer = new SmtpMailer({ url: urlFor(port), from: FROM, timeouts: { sendMs: 300 } });

    await expect(mailer.send(MESSAGE)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
