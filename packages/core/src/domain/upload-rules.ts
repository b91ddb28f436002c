import { UploadRejectedError } from './errors.ts';

export interface UploadLimits {
  minSeconds: number;
  maxSeconds: number;
  minShortSide: number;
}

/** What reading the uploaded file told us, before any rule is applied. */
export type VideoInspection =
  | { kind: 'video'; durationSeconds: number; width: number; height: number }
  | { kind: 'not_mp4' }
  /** A complete MP4 with sound but no picture. */
  | { kind: 'audio_only' }
  | { kind: 'unreadable'; reason: string };

const formatSeconds = (seconds: number) => seconds.toLocaleString('es-CO', { maximumFractionDigits: 1 });

/** Throws the player-facing rejection for a file that breaks a contest rule. */
export function assertAcceptableVideo(inspection: VideoInspection, limits: UploadLimits): void {
  if (inspection.kind === 'not_mp4') {
    throw new UploadRejectedError(
      'UNSUPPORTED_TYPE',
      'Error en el archivo (tipo o tamaño inválido): el archivo no es un video MP4.',
    );
  }
  if (inspection.kind === 'audio_only') {
    throw new UploadRejectedError(
      'UNSUPPORTED_TYPE',
      'Error en el archivo (tipo o tamaño inválido): el archivo MP4 solo tiene audio; sube un video.',
    );
  }
  if (inspection.kind === 'unreadable') {
    throw new UploadRejectedError(
      'UNREADABLE_VIDEO',
      'Error en el archivo (tipo o tamaño inválido): el video MP4 está dañado o incompleto.',
    );
  }
  const { durationSeconds, width, height } = inspection;
  if (durationSeconds < limits.minSeconds || durationSeconds > limits.maxSeconds) {
    throw new UploadRejectedError(
      'DURATION_OUT_OF_RANGE',
      `Error en el archivo: el video dura ${formatSeconds(durationSeconds)} s y debe durar entre ${limits.minSeconds} y ${limits.maxSeconds} s.`,
    );
  }
  if (Math.min(width, height) < limits.minShortSide) {
    throw new UploadRejectedError(
      'RESOLUTION_TOO_LOW',
      `Error en el archivo: la resolución ${width}x${height} es menor que ${limits.minShortSide}p.`,
    );
  }
}
