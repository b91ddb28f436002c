/** A resumable upload that has started and not yet finished, been cancelled or expired. */
export interface UnfinishedUpload {
  id: string;
  ownerId: string;
  expiresAt: Date;
}

/** The unfinished resumable uploads of each player, so one player holds at most a few at once. */
export interface UnfinishedUploadRepository {
  /**
   * Records the upload unless its owner already has `max` unfinished ones; whether it was recorded. Two creations
   * by one owner at once are decided one after the other, so together they never pass the limit.
   */
  reserve(upload: UnfinishedUpload, max: number): Promise<boolean>;
  /** The upload finished, was cancelled or was refused: its place is free (nothing to free is fine). */
  release(id: string): Promise<void>;
}
