/**
 * The test's inbox for Newman: `GET /links?to=EMAIL&page=/verificar-correo` answers `{"token", "url"}` from the
 * newest mail the stack sent to that address with a link to that page (the embedded default writes each
 * message as an .eml file under `<DATA_DIR>/mail/`). 404 when none arrives in time. Listens on 127.0.0.1 only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { savedMailLink } from '@anb/testing/saved-mail';

export interface Mailbox {
  url: string;
  close(): Promise<void>;
}

/** How long a request waits for the mail to be written: the outbox sends at once, this only absorbs a busy machine. */
const MAIL_WAIT_MS = 20_000;

export async function serveMailbox(dataDir: string): Promise<Mailbox> {
  const server = createServer((request, response) => {
    const query = new URL(request.url ?? '/', 'http://mailbox').searchParams;
    const to = query.get('to');
    const page = query.get('page');
    const answer = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (!to || !page) return answer(400, { error: 'to and page are required' });
    savedMailLink(dataDir, to, page, MAIL_WAIT_MS).then(
      (link) => answer(200, { token: link.url.searchParams.get('token'), url: link.url.href }),
      (error: Error) => answer(404, { error: error.message }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
