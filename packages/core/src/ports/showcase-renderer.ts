export type RenderOutcome =
  | { kind: 'rendered'; videoPath: string; posterPath: string }
  /** The upload itself is unusable (unreadable, out of range): retrying cannot help. */
  | { kind: 'rejected'; reason: string };

/** Fraction of the whole render done so far, 0–1, never going back. */
export type RenderProgress = (ratio: number) => void;

/** Turns an original into the showcase clip and its poster; throws only for failures worth retrying. */
export interface ShowcaseRenderer {
  render(
    inputPath: string,
    outputDir: string,
    signal: AbortSignal,
    onProgress?: RenderProgress,
  ): Promise<RenderOutcome>;
}

/** A private scratch folder per job, always removed afterwards. */
export interface ScratchSpace {
  create(): Promise<{ dir: string; dispose(): Promise<void> }>;
}
