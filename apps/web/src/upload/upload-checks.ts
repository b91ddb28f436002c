import { ApiError } from '../api/api-error.ts';
import { mapApiError, type FieldErrors, type MappedApiError } from '../forms/field-errors.ts';
import { fileRejectionCodes, TITLE_MAX_LENGTH, type UploadRules } from '@anb/core/upload-rules';
import { shownToPlayer, uploadTexts } from '@anb/core/upload-texts';
import { checkFileBasics, checkVideoMetadata, type VideoMetadata } from './video-rules.ts';

export type UploadField = 'title' | 'video_file';

const fieldsByCode = Object.fromEntries(fileRejectionCodes.map((code) => [code, 'video_file' as const]));

/**
 * What can be told before sending, in the API's words; `metadata` is undefined while unread or
 * unreadable, `rules` while the API's rules load.
 */
export function checkBeforeSending(
  title: string,
  file: File | undefined,
  metadata: VideoMetadata | undefined,
  rules: UploadRules | undefined,
) {
  const found: FieldErrors<UploadField> = {};
  const trimmed = title.trim();
  if (!trimmed) found.title = uploadTexts.missingTitle().detail;
  else if (trimmed.length > TITLE_MAX_LENGTH) found.title = uploadTexts.titleTooLong(TITLE_MAX_LENGTH);
  if (!file) found.video_file = uploadTexts.missingFile().detail;
  else found.video_file = checkFileBasics(file, rules) ?? (metadata && checkVideoMetadata(metadata, rules));
  return found;
}

/** The API's refusal next to the field it is about; MISSING_FIELD names the field in its text. */
export function placeUploadError(error: unknown): MappedApiError<UploadField> {
  if (error instanceof ApiError && error.code === 'MISSING_FIELD') {
    return { fields: { [error.message.includes('title') ? 'title' : 'video_file']: error.message } };
  }
  if (error instanceof ApiError && error.code in fieldsByCode)
    return { fields: { video_file: shownToPlayer(error.message) } };
  return mapApiError<UploadField>(error, fieldsByCode, ['title', 'video_file']);
}
