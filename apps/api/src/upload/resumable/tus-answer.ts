import { STATUS_CODES } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { bodyStillArriving, lingerThenClose, type LingerLimits } from '../../http/lingering-close.ts';

/**
 * The tus server's answer as it goes on the wire: with the status line's reason phrase (it leaves it empty), and,
 * when it refuses a body still arriving, with `Connection: close` and the rest of the body read first
 * (lingering-close.ts), as every other refusal of the API.
 */
export function tusAnswer(answer: Response, request: IncomingMessage, limits: LingerLimits): Response {
  const headers = new Headers(answer.headers);
  if (bodyStillArriving(request)) {
    headers.set('connection', 'close');
    lingerThenClose(request, limits);
  }
  return new Response(answer.body, { status: answer.status, statusText: STATUS_CODES[answer.status], headers });
}
