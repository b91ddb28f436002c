/** The visibility timeout passed and another consumer received the message; this holder's work may be repeated. */
export class LeaseLostError extends Error {
  readonly messageId: string;

  constructor(messageId: string) {
    super(`Lost the lease on queue message ${messageId}: its visibility timeout expired and it was received again`);
    this.name = 'LeaseLostError';
    this.messageId = messageId;
  }
}
