import type { UploadRejection } from './errors.ts';
import type { UploadRules } from './upload-rules.ts';

/**
 * Every Spanish text a player reads about an upload, whoever says it: the API refusing a file, the
 * worker failing a video (its `failure_reason`), the web app checking before it sends. One builder per
 * refusal, so the same refusal reads the same everywhere.
 */

/** A contest rule the upload breaks: the wire code and the player's text. */
export interface UploadRefusal {
  code: UploadRejection;
  detail: string;
}

/** The organiser's text for a refused file; ours add the reason after it. */
const FILE_ERROR = 'Error en el archivo (tipo o tamaño inválido)';

/** The organiser's text alone, or followed by a reason (a sentence, without its final period). */
export const fileError = (reason?: string) => (reason ? `${FILE_ERROR}: ${reason}.` : `${FILE_ERROR}.`);

/** Reasons the organiser's "(tipo o tamaño inválido)" does not describe: the web app shows them alone. */
const REASONS_NOT_ABOUT_TYPE_OR_SIZE = ['el video dura ', 'la resolución '];

/**
 * A refusal's text as the web app shows it: the API keeps the organiser's prefix on every file refusal, but
 * before a duration or a resolution it misleads a player, so there the reason stands alone, capitalised.
 */
export function shownToPlayer(detail: string): string {
  const reason = detail.startsWith(`${FILE_ERROR}: `) ? detail.slice(FILE_ERROR.length + 2) : undefined;
  if (!reason || !REASONS_NOT_ABOUT_TYPE_OR_SIZE.some((opening) => reason.startsWith(opening))) return detail;
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

const refusal = (code: UploadRejection, reason: string): UploadRefusal => ({ code, detail: fileError(reason) });

/** 12.5 → "12,5"; 20 → "20". */
export const formatSeconds = (seconds: number) => seconds.toLocaleString('es-CO', { maximumFractionDigits: 1 });

/** 104857600 → "100 MB"; 1.5 MiB → "1,5 MB". */
export const formatMegabytes = (bytes: number) =>
  `${(bytes / (1024 * 1024)).toLocaleString('es-CO', { maximumFractionDigits: 1 })} MB`;

export const uploadTexts = {
  /** The contract's answer to an accepted upload (the API's 201; the web app says it after a resumable one). */
  accepted: () => 'Video subido correctamente. Procesamiento en curso.',
  /** The rules in one sentence, shown next to the file field before a file is chosen. */
  rulesSummary: (rules: UploadRules) =>
    `MP4 de ${formatSeconds(rules.minSeconds)} a ${formatSeconds(rules.maxSeconds)} segundos, ` +
    `${rules.minShortSide}p o más (el lado corto de al menos ${rules.minShortSide} px), ` +
    `hasta ${formatMegabytes(rules.maxBytes)}.`,

  notMp4: () => refusal('UNSUPPORTED_TYPE', 'el archivo no es un video MP4'),
  noPicture: () => refusal('UNSUPPORTED_TYPE', 'el archivo MP4 no tiene imagen (solo audio); sube un video'),
  unreadable: () => refusal('UNREADABLE_VIDEO', 'el video MP4 está dañado o incompleto'),
  durationOutOfRange: (seconds: number, rules: Pick<UploadRules, 'minSeconds' | 'maxSeconds'>) =>
    refusal(
      'DURATION_OUT_OF_RANGE',
      `el video dura ${formatSeconds(seconds)} s y debe durar entre ${formatSeconds(rules.minSeconds)} y ${formatSeconds(rules.maxSeconds)} s`,
    ),
  resolutionTooLow: (width: number, height: number, rules: Pick<UploadRules, 'minShortSide'>) =>
    refusal('RESOLUTION_TOO_LOW', `la resolución ${width}x${height} es menor que ${rules.minShortSide}p`),
  /** `sizeBytes` is unknown when the upload is cut at the byte that crosses the limit. */
  fileTooLarge: (rules: Pick<UploadRules, 'maxBytes'>, sizeBytes?: number) =>
    refusal(
      'FILE_TOO_LARGE',
      sizeBytes === undefined
        ? `el archivo supera el máximo de ${formatMegabytes(rules.maxBytes)}`
        : `el archivo pesa ${formatMegabytes(sizeBytes)} y el máximo es ${formatMegabytes(rules.maxBytes)}`,
    ),
  // The field names stay in the texts: REST clients read them, and the web app places the text by them.
  emptyFile: () => refusal('MISSING_FIELD', 'el archivo de video (campo video_file) está vacío'),
  missingFile: () => refusal('MISSING_FIELD', 'falta el archivo de video (campo video_file)'),
  missingTitle: (): UploadRefusal => ({ code: 'MISSING_FIELD', detail: 'Falta el título del video (campo title).' }),
  /** A field message (it goes under the title), not a whole refusal. */
  titleTooLong: (maxLength: number) => `El título admite máximo ${maxLength} caracteres.`,

  // Why a video the API accepted was not published (its failure_reason).
  originalGone: () => 'El archivo original ya no está disponible. Intenta subirlo de nuevo.',
  gaveUp: () => 'No se pudo procesar el video después de varios intentos. Intenta subirlo de nuevo.',
};
