import { UploadRejectedError } from './errors.ts';

// The browser's entry point (@anb/core/upload-rules) needs the codes too.
export { fileRejectionCodes } from './errors.ts';
import { uploadTexts, type UploadRefusal } from './upload-texts.ts';

/** What the picture of an upload must be; the worker checks these again on what ffprobe reads. */
export interface VideoRules {
  minSeconds: number;
  maxSeconds: number;
  /** The short side in pixels, so portrait and landscape 1080p both pass. */
  minShortSide: number;
}

/** The contest's rules for an upload. The numbers come from configuration; these are only their shape. */
export interface UploadRules extends VideoRules {
  maxBytes: number;
}

/** The organiser's rules (MP4, ≤ 100 MB, 20–60 s, 1080p or more): the configuration's defaults. */
export const organiserUploadRules: UploadRules = {
  maxBytes: 100 * 1024 * 1024,
  minSeconds: 20,
  maxSeconds: 60,
  minShortSide: 1080,
};

/** Fixed by the public contract (1–200 characters), not configurable. */
export const TITLE_MAX_LENGTH = 200;

/** What reading the uploaded file told us, before any rule is applied. */
export type VideoInspection =
  | { kind: 'video'; durationSeconds: number; width: number; height: number }
  | { kind: 'not_mp4' }
  /** An MP4 with no picture (usually sound only). */
  | { kind: 'no_picture' }
  | { kind: 'unreadable'; reason: string };

/** The first contest rule the inspected file breaks, or undefined when it may enter the contest. */
export function checkVideo(inspection: VideoInspection, rules: VideoRules): UploadRefusal | undefined {
  if (inspection.kind === 'not_mp4') return uploadTexts.notMp4();
  if (inspection.kind === 'no_picture') return uploadTexts.noPicture();
  if (inspection.kind === 'unreadable') return uploadTexts.unreadable();
  const { durationSeconds, width, height } = inspection;
  if (durationSeconds < rules.minSeconds || durationSeconds > rules.maxSeconds) {
    return uploadTexts.durationOutOfRange(durationSeconds, rules);
  }
  if (Math.min(width, height) < rules.minShortSide) return uploadTexts.resolutionTooLow(width, height, rules);
  return undefined;
}

/** An empty file or one over the size limit; `sizeBytes` is what the client declared or sent. */
export function checkFileSize(sizeBytes: number, rules: Pick<UploadRules, 'maxBytes'>): UploadRefusal | undefined {
  if (sizeBytes === 0) return uploadTexts.emptyFile();
  if (sizeBytes > rules.maxBytes) return uploadTexts.fileTooLarge(rules, sizeBytes);
  return undefined;
}

/** Throws the player-facing rejection for a file that breaks a contest rule. */
export function assertAcceptableVideo(inspection: VideoInspection, rules: VideoRules): void {
  const refusal = checkVideo(inspection, rules);
  if (refusal) throw new UploadRejectedError(refusal);
}
