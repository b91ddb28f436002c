export type ClaimOutcome =
  | { kind: 'claimed'; originalKey: string; attempts: number }
  /** Deleted by its owner, already published, or already failed: nothing to do. */
  | { kind: 'nothing_to_do' };

/** What publishing found. */
export type PublishOutcome =
  /** This run moved the video from processing to processed. */
  | 'published'
  /**
   * Another delivery of the same job (its message came back while this one rendered) published the video
   * first, under the same keys: the files stored there are the published video's.
   */
  | 'published_by_another_run'
  /** Deleted by its owner, or failed, while this run rendered: the files it stored belong to nothing. */
  | 'gone';

/** The worker's state changes, each guarded in SQL so a redelivered message is harmless. */
export interface ProcessingRepository {
  /** `uploaded|processing → processing`, counting the attempt and starting its progress at 0. */
  claimForProcessing(videoId: string): Promise<ClaimOutcome>;
  /** `processing → processed` (published), or what stopped it. */
  markProcessed(videoId: string, outputs: { processedKey: string; posterKey: string }): Promise<PublishOutcome>;
  /** The encoder's progress (0–100) of a video still `processing`; ignored in any other state. */
  recordProgress(videoId: string, percent: number): Promise<void>;
  /** `uploaded|processing → failed` with a reason the player can read. */
  markFailed(videoId: string, reason: string): Promise<void>;
}
