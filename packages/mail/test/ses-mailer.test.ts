import { MessageRejected, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { MailMessage } from '@anb/core';
import { SesMailer } from '../src/aws.ts';

const FROM = 'ANB Rising Stars <no-reply@anb.test>';
const MESSAGE: MailMessage = {
  to: 'ana.perez@ejemplo.com',
  subject: 'Restablece tu contraseña',
  text: 'Abre https://anb.test/restablecer-contrasena?token=xyz',
  html: '<a href="https://anb.test/restablecer-contrasena?token=xyz">Restablecer</a>',
};
const ses = mockClient(SESv2Client);
const client = new SESv2Client({ region: 'us-east-1' });

beforeEach(() => ses.reset());
afterAll(() => {
  ses.restore();
  client.destroy();
});

const sentInputs = () => ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input);

describe('SesMailer', () => {
  it('sends one SendEmail with simple UTF-8 content and the configuration set', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });

    await new SesMailer({ client, from: FROM, configurationSet: 'anb-mail-events' }).send(MESSAGE);

    expect(sentInputs()).toStrictEqual([
      {
        FromEmailAddress: FROM,
        Destination: { ToAddresses: ['ana.perez@ejemplo.com'] },
        Content: {
          Simple: {
            Subject: { Data: 'Restablece tu contraseña', Charset: 'UTF-8' },
            Body: {
              Text: { Data: MESSAGE.text, Charset: 'UTF-8' },
              Html: { Data: MESSAGE.html, Charset: 'UTF-8' },
            },
          },
        },
        ConfigurationSetName: 'anb-mail-events',
      },
    ]);
  });

  it('names no configuration set when none is given', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-2' });

    await new SesMailer({ client, from: FROM }).send(MESSAGE);

    const [input] = sentInputs();
    expect(input).toBeDefined();
    expect(input).not.toHaveProperty('ConfigurationSetName');
  });

  it('rejects with the service error when SES refuses the message', async () => {
    const refusal = new MessageRejected({ message: 'Email address is not verified.', $metadata: {} });
    ses.on(SendEmailCommand).rejects(refusal);

    await expect(new SesMailer({ client, from: FROM }).send(MESSAGE)).rejects.toBe(refusal);
  });
});
