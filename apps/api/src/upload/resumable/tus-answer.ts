import { STATUS_CODES } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { bodyStillArriving, lingerThenClose, type LingerLimits } from '../../http/lingering-close.ts';

/**
 * The tus server's answer as it goes on the wire: with the status line's reason phrase (it leaves it empty), and,
 * each exposed header listed once, and, when it refuses a body still arriving, with `Connection: close` and the rest of the body read first
 * (lingering-close.ts), as every other refusal of the API.
 */
export function tusAnswer(answer: Response, request: IncomingMessage, limits: LingerLimits): Response {
  const headers = new Headers(answer.headers);
  if (bodyStillArriving(request)) {
    headers.set('connection', 'close');
    lingerThenClose(request, limits);
  }
  // The tus server appends our exposed headers to its own list, which names several of them already.
  const exposed = headers.get('access-control-expose-headers');
  if (exposed) headers.set('access-control-expose-headers', eachOnce(exposed));
  return new Response(answer.body, { status: answer.status, statusText: STATUS_CODES[answer.status], headers });
}

/** "Location, Upload-Offset, location" → "Location, Upload-Offset": header names compare without case. */
function eachOnce(list: string): string {
  const names = new Map<string, string>();
  for (const name of list.split(',').map((part) => part.trim())) {
    if (name && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  return [...names.values()].join(', ');
}
