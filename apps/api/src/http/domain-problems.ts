import type { DomainError } from '@anb/core';
import {
  DuplicateVoteError,
  EmailTakenError,
  InvalidCredentialsError,
  NotVideoOwnerError,
  OwnVideoVoteError,
  PasswordMismatchError,
  PublicVideoNotFoundError,
  UploadRejectedError,
  VideoNotDeletableError,
  VideoNotFoundError,
} from '@anb/core';
import { messages } from './messages.ts';
import type { Problem } from './problem.ts';

/** Each expected failure of a use case, as the contract answers it. */
export function problemForDomainError(error: DomainError): Problem {
  const problem = (status: number, detail: string): Problem => ({ status, code: error.code, detail });
  if (error instanceof EmailTakenError) return problem(400, messages.emailTaken);
  if (error instanceof PasswordMismatchError) return problem(400, messages.passwordMismatch);
  if (error instanceof InvalidCredentialsError) return problem(401, messages.invalidCredentials);
  if (error instanceof VideoNotFoundError) {
    return problem(404, error.action === 'delete' ? messages.deleteNotFound : messages.viewNotFound);
  }
  if (error instanceof NotVideoOwnerError) {
    return problem(403, error.action === 'delete' ? messages.deleteForbidden : messages.viewForbidden);
  }
  if (error instanceof VideoNotDeletableError) return problem(400, messages.deleteRefused);
  if (error instanceof PublicVideoNotFoundError) return problem(404, messages.publicVideoNotFound);
  if (error instanceof DuplicateVoteError) return problem(400, messages.duplicateVote);
  if (error instanceof OwnVideoVoteError) return problem(400, messages.ownVideoVote);
  if (error instanceof UploadRejectedError) return problem(400, error.message);
  return problem(400, messages.invalidRequest);
}
