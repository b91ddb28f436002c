export { SmtpMailer, DEFAULT_SMTP_TIMEOUTS, type SmtpMailerOptions, type SmtpTimeouts } from './smtp-mailer.ts';
export { FileMailer, type FileMailerOptions } from './file-mailer.ts';
export { linksIn } from './links-in.ts';
export { MailcheckerDisposableDomains } from './mailcheck-disposable-domains.ts';
export { mailerFor, type MailerHandle, type MailSettings } from './mailer-for.ts';
