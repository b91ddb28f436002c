import type { Mailer } from '@anb/core';
import { FileMailer } from './file-mailer.ts';
import { SmtpMailer } from './smtp-mailer.ts';

/** The mail settings of docs/accounts.md, as the config package reads them. */
export interface MailSettings {
  transport: 'file' | 'smtp' | 'ses';
  /** Required for `smtp`. */
  smtpUrl?: string;
  from: string;
  sesConfigurationSet?: string;
  /** The AWS region of SES. */
  region: string;
  /** Where `file` writes its `.eml` files, e.g. `${DATA_DIR}/mail`. */
  mailDir: string;
}

export interface MailerHandle {
  mailer: Mailer;
  /** Releases connections and clients; call on shutdown. */
  close(): Promise<void>;
}

/** The adapter the settings name, and how to release it. */
export async function mailerFor(settings: MailSettings, log: (line: string) => void): Promise<MailerHandle> {
  const { transport, from } = settings;
  switch (transport) {
    case 'file':
      return { mailer: new FileMailer({ dir: settings.mailDir, from, log }), close: async () => {} };
    case 'smtp': {
      // The config schema refuses this already; a second check keeps the factory safe to call on its own.
      if (!settings.smtpUrl) throw new Error('SMTP_URL: required when MAIL_TRANSPORT=smtp');
      const mailer = new SmtpMailer({ url: settings.smtpUrl, from });
      return { mailer, close: () => mailer.close() };
    }
    case 'ses': {
      // Loaded only when chosen: a process mailing through a file or SMTP does not carry the AWS SDK (ADR 34).
      const [{ SESv2Client }, { SesMailer }] = await Promise.all([
        import('@aws-sdk/client-sesv2'),
        import('./ses-mailer.ts'),
      ]);
      // Credentials come from the SDK's default chain (ECS task role in production).
      const client = new SESv2Client({ region: settings.region });
      const mailer = new SesMailer({ client, from, configurationSet: settings.sesConfigurationSet });
      return { mailer, close: async () => client.destroy() };
    }
    default:
      throw new Error(`MAIL_TRANSPORT: unknown transport ${String(transport satisfies never)}`);
  }
}
