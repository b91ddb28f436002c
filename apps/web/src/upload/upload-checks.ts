import { ApiError } from '../api/api-error.ts';
import { mapApiError, type FieldErrors, type MappedApiError } from '../forms/field-errors.ts';
import { checkFileBasics, checkVideoMetadata, type VideoMetadata } from './video-rules.ts';

export type UploadField = 'title' | 'video_file';

export const TITLE_MAX = 200;

const fileCodes = [
  'FILE_TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'UNREADABLE_VIDEO',
  'DURATION_OUT_OF_RANGE',
  'RESOLUTION_TOO_LOW',
];
const fieldsByCode = Object.fromEntries(fileCodes.map((code) => [code, 'video_file' as const]));

/** What can be told before sending; `metadata` is undefined while unread or unreadable. */
export function checkBeforeSending(title: string, file: File | undefined, metadata: VideoMetadata | undefined) {
  const found: FieldErrors<UploadField> = {};
  const trimmed = title.trim();
  if (!trimmed) found.title = 'Escribe un título para tu video.';
  else if (trimmed.length > TITLE_MAX) found.title = `Máximo ${TITLE_MAX} caracteres.`;
  if (!file) found.video_file = 'Elige el archivo MP4 de tu video.';
  else found.video_file = checkFileBasics(file) ?? (metadata && checkVideoMetadata(metadata));
  return found;
}

/** The API's refusal next to the field it is about; MISSING_FIELD names the field in its text. */
export function placeUploadError(error: unknown): MappedApiError<UploadField> {
  if (error instanceof ApiError && error.code === 'MISSING_FIELD') {
    return { fields: { [error.message.includes('title') ? 'title' : 'video_file']: error.message } };
  }
  return mapApiError<UploadField>(error, fieldsByCode, ['title', 'video_file']);
}
