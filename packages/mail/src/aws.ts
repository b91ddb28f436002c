// The SES adapter, apart from the package's entry point: a process mailing through a file or SMTP should
// not load the AWS SDK (ADR 34). `mailerFor` loads it when MAIL_TRANSPORT=ses.
export { SesMailer, type SesMailerOptions } from './ses-mailer.ts';
