import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage } from '@anb/core';
import { SesMailer } from '../src/aws.ts';
import { FileMailer, mailerFor, SmtpMailer } from '../src/index.ts';
import type { MailSettings } from '../src/index.ts';
import { parseMessage } from './parse-message.ts';
import { startSmtpTestServer } from './smtp-test-server.ts';

const MESSAGE: MailMessage = { to: 'ana@ejemplo.com', subject: 'Hola', text: 'https://anb.test/x', html: '<p>x</p>' };
const FROM = 'ANB Rising Stars <no-reply@anb.test>';
let workDir: string;
const settings = (overrides: Partial<MailSettings>): MailSettings => ({
  transport: 'file',
  from: FROM,
  region: 'eu-west-1',
  mailDir: path.join(workDir, 'mail'),
  ...overrides,
});
const ignoreLog = () => {};
const ses = mockClient(SESv2Client);

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'anb-mailer-for-'));
});
afterEach(() => ses.reset());
afterAll(async () => {
  ses.restore();
  await rm(workDir, { recursive: true, force: true });
});

describe('mailerFor', () => {
  it('file: writes under mailDir and logs through the given function', async () => {
    const lines: string[] = [];
    const handle = await mailerFor(settings({ transport: 'file' }), (line) => lines.push(line));
    expect(handle.mailer).toBeInstanceOf(FileMailer);

    await handle.mailer.send(MESSAGE);
    await handle.close();

    expect(await readdir(path.join(workDir, 'mail'))).toHaveLength(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('https://anb.test/x');
  });

  it('smtp: sends through SMTP_URL with MAIL_FROM', async () => {
    const server = await startSmtpTestServer();
    try {
      const handle = await mailerFor(
        settings({ transport: 'smtp', smtpUrl: `smtp://anb:secret@127.0.0.1:${server.port}` }),
        ignoreLog,
      );
      expect(handle.mailer).toBeInstanceOf(SmtpMailer);

      await handle.mailer.send(MESSAGE);
      await handle.close();

      expect(server.received.map(({ rcptTo }) => rcptTo)).toEqual([[MESSAGE.to]]);
      expect(parseMessage(server.received[0]?.raw ?? '').headers.get('from')).toBe(FROM);
    } finally {
      await server.close();
    }
  });

  it('smtp: refuses to build without SMTP_URL', async () => {
    await expect(mailerFor(settings({ transport: 'smtp' }), ignoreLog)).rejects.toThrow(/SMTP_URL/);
  });

  it('ses: sends through an SESv2 client of the region, with MAIL_FROM and the configuration set', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const handle = await mailerFor(settings({ transport: 'ses', sesConfigurationSet: 'anb-mail-events' }), ignoreLog);
    expect(handle.mailer).toBeInstanceOf(SesMailer);

    await handle.mailer.send(MESSAGE);

    const [call] = ses.commandCalls(SendEmailCommand);
    expect(await call?.thisValue.config.region()).toBe('eu-west-1');
    expect(call?.args[0].input).toMatchObject({
      FromEmailAddress: FROM,
      ConfigurationSetName: 'anb-mail-events',
      Destination: { ToAddresses: [MESSAGE.to] },
    });
    await handle.close();
  });
});
