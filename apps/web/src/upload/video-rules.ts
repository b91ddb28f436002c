import { checkFileSize, checkVideo, type UploadRules } from '@anb/core/upload-rules';
import { formatMegabytes, formatSeconds, shownToPlayer, uploadTexts } from '@anb/core/upload-texts';

export interface VideoMetadata {
  durationSeconds: number;
  width: number;
  height: number;
}

/**
 * Type and size, before reading the file. The texts are core's, the ones the API answers with; the
 * limits are the API's (`rules`), or unknown while they load, and then only what needs none is checked.
 */
export function checkFileBasics(file: File, rules: UploadRules | undefined): string | undefined {
  const looksMp4 = file.type === 'video/mp4' || (file.type === '' && /\.mp4$/i.test(file.name));
  if (!looksMp4) return uploadTexts.notMp4().detail;
  // With no known maximum, emptiness is still checked (core's rule, the same call).
  return checkFileSize(file.size, rules ?? { maxBytes: Number.POSITIVE_INFINITY })?.detail;
}

/** Duration and resolution as the browser read them, against the API's rules. */
export function checkVideoMetadata(metadata: VideoMetadata, rules: UploadRules | undefined): string | undefined {
  const refusal = rules && checkVideo({ kind: 'video', ...metadata }, rules);
  return refusal && shownToPlayer(refusal.detail);
}

export const describeMetadata = (file: File, metadata: VideoMetadata | undefined) =>
  [
    file.name,
    formatMegabytes(file.size),
    ...(metadata ? [`${formatSeconds(metadata.durationSeconds)} s`, `${metadata.width}×${metadata.height}`] : []),
  ].join(' · ');
