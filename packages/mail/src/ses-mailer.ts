import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer, MailMessage } from '@anb/core';

export interface SesMailerOptions {
  /** Credentials and region come from the client (the SDK's default chain in production). */
  client: SESv2Client;
  /** An address of an SES-verified identity, optionally with a display name. */
  from: string;
  /** Routes delivery, bounce and complaint events to the set's destinations. */
  configurationSet?: string;
}

/** Sends through Amazon SES (v2 API); SES builds the MIME message from the simple content. */
export class SesMailer implements Mailer {
  readonly #client: SESv2Client;
  readonly #from: string;
  readonly #configurationSet: string | undefined;

  constructor({ client, from, configurationSet }: SesMailerOptions) {
    this.#client = client;
    this.#from = from;
    this.#configurationSet = configurationSet;
  }

  async send({ to, subject, text, html }: MailMessage): Promise<void> {
    await this.#client.send(
      new SendEmailCommand({
        FromEmailAddress: this.#from,
        Destination: { ToAddresses: [to] },
        Content: {
          Simple: {
            Subject: { Data: subject, Charset: 'UTF-8' },
            Body: { Text: { Data: text, Charset: 'UTF-8' }, Html: { Data: html, Charset: 'UTF-8' } },
          },
        },
        ...(this.#configurationSet === undefined ? {} : { ConfigurationSetName: this.#configurationSet }),
      }),
    );
  }
}
