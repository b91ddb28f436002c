import { messages } from '../http/messages.ts';
import type { Problem } from '../http/problem.ts';
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from '../schemas/text.ts';

const TITLE_MAX = 200;

/** What is wrong with an upload's title (multipart field or tus metadata), or undefined when it is usable. */
export function titleProblem(title: string | undefined): Problem | undefined {
  if (!title) return { status: 400, code: 'MISSING_FIELD', detail: messages.missingTitle };
  const problem = describeTitleProblem(title);
  if (!problem) return undefined;
  return {
    status: 400,
    code: 'VALIDATION_ERROR',
    detail: messages.invalidRequest,
    errors: [{ path: 'title', message: problem }],
  };
}

function describeTitleProblem(title: string): string | undefined {
  if (title.length > TITLE_MAX) return `máximo ${TITLE_MAX} caracteres`;
  if (hasControlCharacters(title)) return CONTROL_CHARACTERS_MESSAGE;
  return undefined;
}
