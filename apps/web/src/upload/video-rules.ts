import { formatMegabytes } from '../lib/format.ts';

/** The contest rules the API enforces by default (UPLOAD_MAX_BYTES, VIDEO_MIN_SECONDS, …). */
export const uploadLimits = {
  maxBytes: 100 * 1024 * 1024,
  minSeconds: 20,
  maxSeconds: 60,
  minShortSide: 1080,
};

export interface VideoMetadata {
  durationSeconds: number;
  width: number;
  height: number;
}

const seconds = (value: number) => value.toLocaleString('es-CO', { maximumFractionDigits: 1 });

// Texts worded as the API words the same refusals, so the player sees one voice.
export function checkFileBasics(file: File, limits = uploadLimits): string | undefined {
  const looksMp4 = file.type === 'video/mp4' || (file.type === '' && /\.mp4$/i.test(file.name));
  if (!looksMp4) return 'Error en el archivo (tipo o tamaño inválido): el archivo no es un video MP4.';
  if (file.size > limits.maxBytes) {
    return `Error en el archivo (tipo o tamaño inválido): el archivo pesa ${formatMegabytes(file.size)} y el máximo es ${formatMegabytes(limits.maxBytes)}.`;
  }
  if (file.size === 0) return 'Error en el archivo (tipo o tamaño inválido): el archivo está vacío.';
  return undefined;
}

export function checkVideoMetadata(metadata: VideoMetadata, limits = uploadLimits): string | undefined {
  const { durationSeconds, width, height } = metadata;
  if (durationSeconds < limits.minSeconds || durationSeconds > limits.maxSeconds) {
    return `Error en el archivo: el video dura ${seconds(durationSeconds)} s y debe durar entre ${limits.minSeconds} y ${limits.maxSeconds} s.`;
  }
  if (Math.min(width, height) < limits.minShortSide) {
    return `Error en el archivo: la resolución ${width}x${height} es menor que ${limits.minShortSide}p.`;
  }
  return undefined;
}

export const describeMetadata = (file: File, metadata: VideoMetadata | undefined) =>
  [
    file.name,
    formatMegabytes(file.size),
    ...(metadata ? [`${seconds(metadata.durationSeconds)} s`, `${metadata.width}×${metadata.height}`] : []),
  ].join(' · ');
