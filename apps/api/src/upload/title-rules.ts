import { TITLE_MAX_LENGTH, uploadTexts } from '@anb/core';
import { refusalProblem } from '../http/domain-problems.ts';
import { messages } from '../http/messages.ts';
import type { Problem } from '../http/problem.ts';
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from '../schemas/text.ts';

/** What is wrong with an upload's title (multipart field or tus metadata), or undefined when it is usable. */
export function titleProblem(title: string | undefined): Problem | undefined {
  if (!title) return refusalProblem(uploadTexts.missingTitle());
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
  if (title.length > TITLE_MAX_LENGTH) return uploadTexts.titleTooLong(TITLE_MAX_LENGTH);
  if (hasControlCharacters(title)) return CONTROL_CHARACTERS_MESSAGE;
  return undefined;
}
