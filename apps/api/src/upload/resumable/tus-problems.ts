import { uploadTexts } from '@anb/core';
import { refusalProblem } from '../../http/domain-problems.ts';
import { messages } from '../../http/messages.ts';
import { PROBLEM_CONTENT_TYPE as PROBLEM_TYPE, problemDocument, type Problem } from '../../http/problem.ts';

/** The problem+json body of `problem`, as sendProblem writes it. */
const problemBody = (problem: Problem): string => JSON.stringify(problemDocument(problem));

/** A hook's answer that the tus server sends as it is: status, problem+json headers and body. */
export function problemAnswer(problem: Problem) {
  return { status_code: problem.status, headers: { 'Content-Type': PROBLEM_TYPE }, body: problemBody(problem) };
}

/** An error a hook throws; the tus server answers it with this status and body (made problem+json below). */
export function problemError(problem: Problem) {
  return { status_code: problem.status, body: problemBody(problem) };
}

/** The tus server's own refusals (plain text, English), as the API answers every error. */
function problemForTusStatus(status: number, maxBytes: number): Problem {
  switch (status) {
    case 404:
      return { status, code: 'UPLOAD_NOT_FOUND', detail: messages.resumableNotFound };
    case 409:
      return { status, code: 'UPLOAD_OFFSET_MISMATCH', detail: messages.resumableOffsetMismatch };
    case 410:
      return { status, code: 'UPLOAD_EXPIRED', detail: messages.resumableExpired };
    case 412:
      return { status, code: 'TUS_VERSION_REQUIRED', detail: messages.resumableVersionRequired };
    case 413:
      return refusalProblem(uploadTexts.fileTooLarge({ maxBytes }), status);
    case 423:
      return { status, code: 'UPLOAD_BUSY', detail: messages.resumableBusy };
    default:
      if (status >= 500) return { status: 500, code: 'INTERNAL_ERROR', detail: messages.internalError };
      return { status, code: 'INVALID_UPLOAD_REQUEST', detail: messages.resumableInvalid };
  }
}

/**
 * Turns the tus server's plain-text errors into problem+json with a Spanish detail; its tus and CORS
 * headers are kept. Answers to HEAD carry no body, and successes pass through untouched.
 */
export async function asProblemResponse(response: Response, method: string, maxBytes: number): Promise<Response> {
  if (response.status < 400 || method === 'HEAD') return response;
  const body = await response.text();
  const headers = new Headers(response.headers);
  headers.set('content-type', PROBLEM_TYPE);
  headers.delete('content-length');
  // A hook's problemAnswer or problemError: already our body.
  if (isProblemBody(body)) return new Response(body, { status: response.status, headers });
  const problem = problemForTusStatus(response.status, maxBytes);
  return new Response(problemBody(problem), { status: problem.status, headers });
}

function isProblemBody(body: string): boolean {
  try {
    return typeof (JSON.parse(body) as { code?: unknown }).code === 'string';
  } catch {
    return false;
  }
}
