/** Expected failures of a use case; the API turns each code into its status and Spanish text. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
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

export class PublicVideoNotFoundError extends DomainError {
  readonly code = 'VIDEO_NOT_FOUND';
}

export class DuplicateVoteError extends DomainError {
  readonly code = 'DUPLICATE_VOTE';
}

export class OwnVideoVoteError extends DomainError {
  readonly code = 'OWN_VIDEO';
}

export type UploadRejection =
  | 'FILE_TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'UNREADABLE_VIDEO'
  | 'DURATION_OUT_OF_RANGE'
  | 'RESOLUTION_TOO_LOW'
  | 'MISSING_FIELD';

/** `message` is the Spanish text shown to the player. */
export class UploadRejectedError extends DomainError {
  readonly code: UploadRejection;
  constructor(code: UploadRejection, message: string) {
    super(message);
    this.code = code;
  }
}

export class PasswordMismatchError extends DomainError {
  readonly code = 'PASSWORD_MISMATCH';
}
