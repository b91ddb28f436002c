import { EventEmitter, once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPlayer } from '@anb/testing/players';
import { waitFor } from '@anb/testing/wait-for';
import { startTestApi, type TestApi } from './support/test-api.ts';

/** A real SMTP listener that refuses the first `busyFor` recipients with a temporary 451, then takes mail. */
async function startMailServer(busyFor: number) {
  const arrived = new EventEmitter<{ mail: [string] }>();
  let refusals = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusals >= busyFor) return callback();
      refusals += 1;
      callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        arrived.emit('mail', Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    arrived,
    refusals: () => refusals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The message's text with quoted-printable soft breaks and escapes undone. */
const decoded = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');

let mailServer: Awaited<ReturnType<typeof startMailServer>>;
let api: TestApi;
beforeAll(async () => {
  mailServer = await startMailServer(1);
  api = await startTestApi({ SMTP_URL: mailServer.url, MAIL_FROM: 'ANB Rising Stars <no-reply@anb.test>' });
});
afterAll(async () => {
  await api.close();
  await mailServer.close();
});

describe('account mail through SMTP_URL', () => {
  it('delivers the confirmation link after the mail server first refuses it, and the link confirms the account', async () => {
    const arrival = once(mailServer.arrived, 'mail');
    const player = await newPlayer(api.app);
    const [raw] = (await arrival) as [string];
    // The first attempt met a 451 and stayed in the outbox; the retry delivered it.
    expect(mailServer.refusals()).toBe(1);
    expect(raw).toMatch(/^From: ANB Rising Stars <no-reply@anb\.test>/m);
    expect(raw).toContain(`To: ${player.email}`);
    const link = decoded(raw).match(/https?:\/\/\S+\/verificar-correo\?token=[\w-]{43}/)?.[0];
    expect(link).toBeDefined();
    const token = new URL(link as string).searchParams.get('token');
    const verified = await api.app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token } });
    expect(verified.statusCode).toBe(200);
    // The server has the message before the dispatcher hears its final reply and marks the row sent.
    const row = await waitFor(async () => {
      const outbox = await api.testDb.db
        .selectFrom('mail_outbox')
        .select(['attempts', 'sent_at'])
        .where('recipient', '=', player.email)
        .executeTakeFirstOrThrow();
      return outbox.sent_at === null ? undefined : outbox;
    });
    expect(row.attempts).toBe(2);
  }, 30_000);
});
