import type { IncomingMessage } from 'node:http';

export interface LingerLimits {
  /** Body bytes read and thrown away at most; a client still sending past them is cut. */
  maxBytes: number;
  /** How long the connection may stay open after the answer, whatever the client does. */
  maxMs: number;
  /** A client that sends nothing for this long is cut. */
  idleMs: number;
}

/** ADR 24: enough for any client to read the answer, little enough that a refused body costs next to nothing. */
export const LINGER_LIMITS = { maxBytes: 32 * 1024 * 1024, maxMs: 10_000 } as const;

/** Whether the request still has body bytes on their way: an answer now comes before the client stops sending. */
export function bodyStillArriving(request: IncomingMessage): boolean {
  if (request.complete || request.socket?.destroyed !== false) return false;
  const declared = Number(request.headers['content-length'] ?? 0);
  return declared > 0 || request.headers['transfer-encoding'] !== undefined;
}

/**
 * Lingering close, as nginx calls it, for an answer sent before the request body was read (a refusal): the
 * answer goes out with `Connection: close`, the rest of the body is read and thrown away, then the connection
 * closes. Closing at once would reset a connection the client is still sending on, and clients (Node's fetch,
 * browsers, phones) then report a network error instead of our answer. Reading stops at the limits: past them
 * the connection is cut, which a client that keeps sending regardless has to accept.
 *
 * Call it before the answer is sent. Node closes a `Connection: close` socket with `destroySoon()` once the
 * answer is written; that call is deferred here until the body has ended.
 */
export function lingerThenClose(request: IncomingMessage, limits: LingerLimits): void {
  const socket = request.socket;
  const cut = () => socket.destroy();
  const deadline = setTimeout(cut, limits.maxMs);
  socket.once('close', () => clearTimeout(deadline));
  socket.setTimeout(Math.min(limits.idleMs, limits.maxMs), cut);

  let discarded = 0;
  // A parser that gave up (multipart after a refusal) may still be attached; the bytes are ours to drop now.
  request.unpipe();
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limits.maxBytes) cut();
  });
  request.resume();

  const closeAfterWriting = socket.destroySoon.bind(socket);
  let answerWritten = false;
  let bodyEnded = false;
  request.once('end', () => {
    bodyEnded = true;
    if (answerWritten) closeAfterWriting();
  });
  socket.destroySoon = () => {
    answerWritten = true;
    if (bodyEnded) closeAfterWriting();
  };
}
