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

export class VideoNotFoundError extends DomainError {
  readonly code = 'VIDEO_NOT_FOUND';
  readonly action: VideoAction;
  constructor(action: VideoAction) {
    super('video not found');
    this.action = action;
  }
}

export class NotVideoOwnerError extends DomainError {
  readonly code = 'NOT_OWNER';
  readonly action: VideoAction;
  constructor(action: VideoAction) {
    super('not the owner of the video');
    this.action = action;
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
