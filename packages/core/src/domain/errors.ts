import type { AccountLinkFault, AccountLinkPurpose, VoteRefusalCode } from './account-security-texts.ts';

/** Refusals of the uploaded file itself; a client shows them next to its file field. */
export const fileRejectionCodes = [
  'FILE_TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'UNREADABLE_VIDEO',
  'DURATION_OUT_OF_RANGE',
  'RESOLUTION_TOO_LOW',
] as const;

/** Every refusal of an upload: the file's, and MISSING_FIELD (a form field absent or empty). */
export type UploadRejection = (typeof fileRejectionCodes)[number] | 'MISSING_FIELD';

/**
 * Every code a domain error may carry, one per kind of failure. An error class must use one of them,
 * and the API's mapping is keyed by this union, so a new failure does not compile until it has an answer.
 */
export type DomainErrorCode =
  | 'EMAIL_TAKEN'
  | 'INVALID_CREDENTIALS'
  | 'PASSWORD_MISMATCH'
  | 'VIDEO_NOT_FOUND'
  | 'NOT_OWNER'
  | 'VIDEO_NOT_DELETABLE'
  | 'PUBLIC_VIDEO_NOT_FOUND'
  | 'DUPLICATE_VOTE'
  | 'OWN_VIDEO'
  | 'VOTE_NOT_ALLOWED'
  | 'EMAIL_ALREADY_VERIFIED'
  | 'WRONG_PASSWORD'
  | 'NEW_PASSWORDS_DIFFER'
  | 'ACCOUNT_LINK_REFUSED'
  | 'UPLOADS_CLOSED'
  | 'VOTING_CLOSED'
  | 'ACCOUNT_SUSPENDED'
  | 'ALREADY_REPORTED'
  | 'VIDEO_NOT_PUBLISHED'
  | 'VIDEO_NOT_HIDDEN'
  | 'USER_NOT_FOUND'
  | 'ALREADY_SUSPENDED'
  | 'NOT_SUSPENDED'
  | 'CANNOT_SUSPEND_SELF'
  | 'INVALID_CALENDAR'
  | UploadRejection;

/** Expected failures of a use case; the API turns each code into its status and Spanish text. */
export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
}

export class EmailTakenError extends DomainError {
  readonly code = 'EMAIL_TAKEN';
}

export class InvalidCredentialsError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS';
}

/** What the player was doing when the video turned out missing or not theirs; the texts differ. */
export type VideoAction = 'view' | 'delete';

/** A refusal about one of the player's own videos, remembering what they were doing. */
abstract class OwnVideoError extends DomainError {
  readonly action: VideoAction;
  constructor(action: VideoAction, message: string) {
    super(message);
    this.action = action;
  }
}

export class VideoNotFoundError extends OwnVideoError {
  readonly code = 'VIDEO_NOT_FOUND';
  constructor(action: VideoAction) {
    super(action, 'video not found');
  }
}

export class NotVideoOwnerError extends OwnVideoError {
  readonly code = 'NOT_OWNER';
  constructor(action: VideoAction) {
    super(action, 'not the owner of the video');
  }
}

export class VideoNotDeletableError extends DomainError {
  readonly code = 'VIDEO_NOT_DELETABLE';
}

/** A published video that does not exist (or is not published); the API answers it as VIDEO_NOT_FOUND. */
export class PublicVideoNotFoundError extends DomainError {
  readonly code = 'PUBLIC_VIDEO_NOT_FOUND';
}

export class DuplicateVoteError extends DomainError {
  readonly code = 'DUPLICATE_VOTE';
}

export class OwnVideoVoteError extends DomainError {
  readonly code = 'OWN_VIDEO';
}

/** A contest rule the upload breaks; `message` is the Spanish text shown to the player. */
export class UploadRejectedError extends DomainError {
  readonly code: UploadRejection;
  constructor(refusal: { code: UploadRejection; detail: string }) {
    super(refusal.detail);
    this.code = refusal.code;
  }
}

export class PasswordMismatchError extends DomainError {
  readonly code = 'PASSWORD_MISMATCH';
}

/** The voter's account may not vote (unconfirmed or disposable e-mail); `refusal` is the wire code. */
export class VoteNotAllowedError extends DomainError {
  readonly code = 'VOTE_NOT_ALLOWED';
  readonly refusal: VoteRefusalCode;
  constructor(refusal: VoteRefusalCode) {
    super(`vote refused: ${refusal}`);
    this.refusal = refusal;
  }
}

export class EmailAlreadyVerifiedError extends DomainError {
  readonly code = 'EMAIL_ALREADY_VERIFIED';
}

/** The current password given to change it is not the account's. */
export class WrongPasswordError extends DomainError {
  readonly code = 'WRONG_PASSWORD';
}

/** The new password and its repetition differ (reset and change; sign-up has the organiser's text). */
export class NewPasswordsDifferError extends DomainError {
  readonly code = 'NEW_PASSWORDS_DIFFER';
}

/** A mailed link's token that cannot be used, and why. */
export class AccountLinkRefusedError extends DomainError {
  readonly code = 'ACCOUNT_LINK_REFUSED';
  readonly purpose: AccountLinkPurpose;
  readonly fault: AccountLinkFault;
  constructor(purpose: AccountLinkPurpose, fault: AccountLinkFault) {
    super(`${purpose} link ${fault}`);
    this.purpose = purpose;
    this.fault = fault;
  }
}

/** A contest deadline has passed; the refusal tells its date in the contest's time zone. */
abstract class ContestClosedError extends DomainError {
  readonly closedAt: Date;
  readonly timeZone: string;
  constructor(closedAt: Date, timeZone: string) {
    super(`closed since ${closedAt.toISOString()}`);
    this.closedAt = closedAt;
    this.timeZone = timeZone;
  }
}

export class UploadsClosedError extends ContestClosedError {
  readonly code = 'UPLOADS_CLOSED';
}

export class VotingClosedError extends ContestClosedError {
  readonly code = 'VOTING_CLOSED';
}

/** An organiser suspended the account: it may not sign in, vote or upload. */
export class AccountSuspendedError extends DomainError {
  readonly code = 'ACCOUNT_SUSPENDED';
}

export class AlreadyReportedError extends DomainError {
  readonly code = 'ALREADY_REPORTED';
}

/** Only a published video can be hidden. */
export class VideoNotPublishedError extends DomainError {
  readonly code = 'VIDEO_NOT_PUBLISHED';
}

export class VideoNotHiddenError extends DomainError {
  readonly code = 'VIDEO_NOT_HIDDEN';
}

export class UserNotFoundError extends DomainError {
  readonly code = 'USER_NOT_FOUND';
}

export class AlreadySuspendedError extends DomainError {
  readonly code = 'ALREADY_SUSPENDED';
}

export class NotSuspendedError extends DomainError {
  readonly code = 'NOT_SUSPENDED';
}

export class CannotSuspendSelfError extends DomainError {
  readonly code = 'CANNOT_SUSPEND_SELF';
}

/** Voting would close before uploads do, or have a date while uploads have none. */
export class InvalidCalendarError extends DomainError {
  readonly code = 'INVALID_CALENDAR';
}

/** The concrete domain errors, so a mapping keyed by code can see the fields of each. */
export type KnownDomainError =
  | EmailTakenError
  | InvalidCredentialsError
  | PasswordMismatchError
  | VideoNotFoundError
  | NotVideoOwnerError
  | VideoNotDeletableError
  | PublicVideoNotFoundError
  | DuplicateVoteError
  | OwnVideoVoteError
  | VoteNotAllowedError
  | EmailAlreadyVerifiedError
  | WrongPasswordError
  | NewPasswordsDifferError
  | AccountLinkRefusedError
  | UploadsClosedError
  | VotingClosedError
  | AccountSuspendedError
  | AlreadyReportedError
  | VideoNotPublishedError
  | VideoNotHiddenError
  | UserNotFoundError
  | AlreadySuspendedError
  | NotSuspendedError
  | CannotSuspendSelfError
  | InvalidCalendarError
  | UploadRejectedError;
