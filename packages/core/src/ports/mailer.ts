/** One message to one person: the same words as plain text and as HTML. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Hands a message to a mail service; throws when the service did not take it (the outbox retries). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
