import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { messages } from './messages.ts';
import { sendProblem, type Problem } from './problem.ts';

/** Errors Fastify raises before routing (a path it cannot decode, a parameter too long), as problems. */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const problem: Problem =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? { status: 414, code: 'URI_TOO_LONG', detail: messages.badUrl }
      : error.code === 'FST_ERR_BAD_URL'
        ? { status: 400, code: 'BAD_URL', detail: messages.badUrl }
        : { status: 500, code: 'INTERNAL_ERROR', detail: messages.internalError };
  void sendProblem(reply, problem);
}

/** Node's own refusals of a request it could not parse, written on the socket as problem+json. */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem = clientErrorProblem(error.code);
  const body = JSON.stringify({
    type: 'about:blank',
    title: STATUS_CODES[problem.status],
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

function clientErrorProblem(code: string | undefined): Problem {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return { status: 408, code: 'REQUEST_TIMEOUT', detail: messages.requestTimeout };
  if (code === 'HPE_HEADER_OVERFLOW')
    return { status: 431, code: 'HEADERS_TOO_LARGE', detail: messages.headersTooLarge };
  return { status: 400, code: 'BAD_REQUEST', detail: messages.invalidRequest };
}
