export type ClaimOutcome =
  | { kind: 'claimed'; originalKey: string; attempts: number }
  /** Deleted by its owner, already published, or already failed: nothing to do. */
  | { kind: 'nothing_to_do' };

/** The worker's state changes, each guarded in SQL so a redelivered message is harmless. */
export interface ProcessingRepository {
  /** `uploaded|processing → processing`, counting the attempt and starting its progress at 0. */
  claimForProcessing(videoId: string): Promise<ClaimOutcome>;
  /** `processing → processed` (published); false when the video was deleted meanwhile. */
  markProcessed(videoId: string, outputs: { processedKey: string; posterKey: string }): Promise<boolean>;
  /** The encoder's progress (0–100) of a video still `processing`; ignored in any other state. */
  recordProgress(videoId: string, percent: number): Promise<void>;
  /** `uploaded|processing → failed` with a reason the player can read. */
  markFailed(videoId: string, reason: string): Promise<void>;
}
