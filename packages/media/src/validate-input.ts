import { InvalidInputError } from './errors.ts';
import type { MediaInfo, VideoStreamInfo } from './media-info.ts';
import { displaySize } from './media-info.ts';
import type { InputLimits } from './settings.ts';

/** Checks a probed upload against the limits; throws InvalidInputError with a reason the player can read. */
export function validateInput(info: MediaInfo, limits: InputLimits): VideoStreamInfo {
  if (!info.formatName.split(',').some((name) => name === 'mp4' || name === 'mov')) {
    throw new InvalidInputError('UNSUPPORTED_TYPE', 'El archivo no es un video MP4.');
  }
  const { video } = info;
  if (!video || video.width <= 0 || video.height <= 0) {
    throw new InvalidInputError('NO_VIDEO_STREAM', 'El archivo no contiene una pista de video.');
  }
  const { minDurationSeconds: min, maxDurationSeconds: max } = limits;
  if (info.durationSeconds === null) {
    throw new InvalidInputError('DURATION_OUT_OF_RANGE', 'No se pudo determinar la duración del video.');
  }
  if (info.durationSeconds < min || info.durationSeconds > max) {
    throw new InvalidInputError(
      'DURATION_OUT_OF_RANGE',
      `El video dura ${formatSeconds(info.durationSeconds)} s; debe durar entre ${min} y ${max} s.`,
    );
  }
  const shown = displaySize(video);
  const shortSide = Math.round(Math.min(shown.width, shown.height));
  if (shortSide < limits.minShortSide) {
    throw new InvalidInputError(
      'RESOLUTION_TOO_LOW',
      `El video es de ${Math.round(shown.width)}x${Math.round(shown.height)}; ` +
        `se necesita al menos ${limits.minShortSide}p (lado corto de ${limits.minShortSide} píxeles).`,
    );
  }
  return video;
}

function formatSeconds(seconds: number): string {
  return seconds.toFixed(1).replace('.', ',');
}
