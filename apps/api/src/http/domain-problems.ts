import { accountLinkCodes, accountSecurityTexts, organiserTexts } from '@anb/core';
import type {
  AccountLinkRefusedError,
  DomainError,
  DomainErrorCode,
  KnownDomainError,
  UploadRefusal,
  UploadRejectedError,
  VideoAction,
} from '@anb/core';
import { messages } from './messages.ts';
import type { Problem } from './problem.ts';

/** How the contract answers one code; `code` is set only where the wire code differs from the domain one. */
interface DomainAnswer<E> {
  status: number;
  code?: string | ((error: E) => string);
  detail: string | ((error: E) => string);
}

/** The error class that may carry code C (upload refusals share one class across several codes). */
type ErrorWithCode<C extends DomainErrorCode> = KnownDomainError extends infer E
  ? E extends KnownDomainError
    ? C extends E['code']
      ? E
      : never
    : never
  : never;

/** Keyed by every domain code: a new domain error does not compile until it is given its answer here. */
const answers: { [C in DomainErrorCode]: DomainAnswer<ErrorWithCode<C>> } = {
  EMAIL_TAKEN: { status: 400, detail: messages.emailTaken },
  PASSWORD_MISMATCH: { status: 400, detail: messages.passwordMismatch },
  INVALID_CREDENTIALS: { status: 401, detail: messages.invalidCredentials },
  VIDEO_NOT_FOUND: { status: 404, detail: byAction({ view: messages.viewNotFound, delete: messages.deleteNotFound }) },
  NOT_OWNER: { status: 403, detail: byAction({ view: messages.viewForbidden, delete: messages.deleteForbidden }) },
  VIDEO_NOT_DELETABLE: { status: 400, detail: messages.deleteRefused },
  PUBLIC_VIDEO_NOT_FOUND: { status: 404, code: 'VIDEO_NOT_FOUND', detail: messages.publicVideoNotFound },
  DUPLICATE_VOTE: { status: 400, detail: messages.duplicateVote },
  OWN_VIDEO: { status: 400, detail: messages.ownVideoVote },
  // Upload refusals already carry their Spanish text, built by the rule that refused.
  FILE_TOO_LARGE: { status: 400, detail: uploadText },
  UNSUPPORTED_TYPE: { status: 400, detail: uploadText },
  UNREADABLE_VIDEO: { status: 400, detail: uploadText },
  DURATION_OUT_OF_RANGE: { status: 400, detail: uploadText },
  RESOLUTION_TOO_LOW: { status: 400, detail: uploadText },
  MISSING_FIELD: { status: 400, detail: uploadText },
  VOTE_NOT_ALLOWED: {
    status: 403,
    code: (error) => error.refusal,
    detail: (error) => accountSecurityTexts.voteRefused[error.refusal],
  },
  EMAIL_ALREADY_VERIFIED: { status: 409, detail: accountSecurityTexts.alreadyVerified },
  WRONG_PASSWORD: { status: 400, detail: accountSecurityTexts.wrongCurrentPassword },
  NEW_PASSWORDS_DIFFER: { status: 400, code: 'PASSWORD_MISMATCH', detail: accountSecurityTexts.newPasswordsDiffer },
  UPLOADS_CLOSED: { status: 403, detail: (error) => organiserTexts.uploadsClosed(error.closedAt, error.timeZone) },
  VOTING_CLOSED: { status: 403, detail: (error) => organiserTexts.votingClosed(error.closedAt, error.timeZone) },
  ACCOUNT_SUSPENDED: { status: 403, detail: organiserTexts.accountSuspended },
  ALREADY_REPORTED: { status: 400, detail: organiserTexts.alreadyReported },
  VIDEO_NOT_PUBLISHED: { status: 400, detail: organiserTexts.videoNotPublished },
  VIDEO_NOT_HIDDEN: { status: 400, detail: organiserTexts.videoNotHidden },
  USER_NOT_FOUND: { status: 404, detail: organiserTexts.userNotFound },
  ALREADY_SUSPENDED: { status: 400, detail: organiserTexts.alreadySuspended },
  NOT_SUSPENDED: { status: 400, detail: organiserTexts.notSuspended },
  CANNOT_SUSPEND_SELF: { status: 400, detail: organiserTexts.cannotSuspendSelf },
  INVALID_CALENDAR: { status: 400, detail: organiserTexts.invalidCalendar },
  ACCOUNT_LINK_REFUSED: {
    status: 400,
    code: (error: AccountLinkRefusedError) => accountLinkCodes[error.purpose][error.fault],
    detail: (error: AccountLinkRefusedError) => accountSecurityTexts.linkRefused[error.purpose][error.fault],
  },
};

/** Each expected failure of a use case, as the contract answers it. */
export function problemForDomainError(error: DomainError): Problem {
  // The record pairs each code with its own error type; indexing by a runtime code loses that pairing.
  const answer = answers[error.code] as DomainAnswer<DomainError>;
  const detail = typeof answer.detail === 'string' ? answer.detail : answer.detail(error);
  const code = typeof answer.code === 'function' ? answer.code(error) : (answer.code ?? error.code);
  return { status: answer.status, code, detail };
}

/** A contest rule's refusal (core's text) as a problem; 400 unless the protocol says otherwise (tus: 413). */
export function refusalProblem(refusal: UploadRefusal, status = 400): Problem {
  return { status, code: refusal.code, detail: refusal.detail };
}

function byAction(texts: Record<VideoAction, string>) {
  return (error: { action: VideoAction }) => texts[error.action];
}

function uploadText(error: UploadRejectedError): string {
  return error.message;
}
