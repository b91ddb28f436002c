import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  /** The credentials the client authenticated with, if it did. */
  user: { username: string; password: string } | undefined;
  mailFrom: string | false;
  rcptTo: string[];
  /** The message as the server read it from DATA, CRLF line ends. */
  raw: string;
  /** Whether the message came over a connection upgraded with STARTTLS. */
  overTls: boolean;
}

export interface SmtpTestServer {
  port: number;
  /** Every message taken so far, in order; a message is here before the client hears its 250. */
  received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP listener on 127.0.0.1 (random port) that takes AUTH PLAIN without TLS and keeps what it receives.
 * `refuseRecipient` answers RCPT TO with a permanent 550. `starttls` offers STARTTLS with the listener's own
 * built-in certificate, which no client can verify: what a relay or test listener out of the box offers.
 */
export async function startSmtpTestServer({ refuseRecipient = false, starttls = false } = {}): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const credentials = new Map<string, { username: string; password: string }>();

  const options: SMTPServerOptions = {
    secure: false,
    // No TLS in the test: nodemailer then authenticates over the plain connection, which we allow below.
    disabledCommands: starttls ? [] : ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN'],
    logger: false,
    onAuth(auth, session, callback) {
      credentials.set(session.id, { username: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      if (!refuseRecipient) return callback();
      callback(Object.assign(new Error(`No such mailbox: ${address.address}`), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail: ReceivedMail = {
          user: credentials.get(session.id),
          mailFrom: session.envelope.mailFrom && session.envelope.mailFrom.address,
          rcptTo: session.envelope.rcptTo.map(({ address }) => address),
          raw: Buffer.concat(chunks).toString('utf8'),
          overTls: session.secure,
        };
        received.push(mail);
        callback();
      });
    },
  };
  const server = new SMTPServer(options);
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
