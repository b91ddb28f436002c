import { describe, expect, it } from 'vitest';
import { uploadTexts } from '@anb/core';
import { InvalidInputError } from '../src/errors.ts';
import { defaultShowcaseSettings } from '../src/settings.ts';
import { validateInput } from '../src/validate-input.ts';
import { mediaInfo } from './support/media-info.ts';

const limits = defaultShowcaseSettings.limits;

function rejection(run: () => unknown): InvalidInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

describe('validateInput with the spec limits (20–60 s, 1080p)', () => {
  it.each([20, 41.3, 60])('accepts a 1920x1080 video of %d s', (durationSeconds) => {
    expect(validateInput(mediaInfo({}, { durationSeconds }), limits)).toMatchObject({ width: 1920 });
  });

  it('accepts portrait 1080x1920 and a rotated 1920x1080', () => {
    expect(() => validateInput(mediaInfo({ width: 1080, height: 1920 }), limits)).not.toThrow();
    expect(() => validateInput(mediaInfo({ rotation: 90 }), limits)).not.toThrow();
  });

  it.each([19.9, 60.1])('rejects %d s as DURATION_OUT_OF_RANGE with the API refusal', (durationSeconds) => {
    const error = rejection(() => validateInput(mediaInfo({}, { durationSeconds }), limits));
    expect(error.code).toBe('DURATION_OUT_OF_RANGE');
    // The player reads the same text whether the API or the worker refused the file.
    expect(error.message).toBe(uploadTexts.durationOutOfRange(durationSeconds, limits).detail);
    expect(error.message).toMatch(/^Error en el archivo \(tipo o tamaño inválido\): el video dura \d+,\d s/);
  });

  it('rejects an unknown duration as an unreadable video', () => {
    expect(rejection(() => validateInput(mediaInfo({}, { durationSeconds: null }), limits)).code).toBe(
      'UNREADABLE_VIDEO',
    );
  });

  it('rejects 1280x720 (and 720x1280) as RESOLUTION_TOO_LOW', () => {
    const landscape = rejection(() => validateInput(mediaInfo({ width: 1280, height: 720 }), limits));
    expect(landscape.code).toBe('RESOLUTION_TOO_LOW');
    expect(landscape.message).toContain('1280x720');
    expect(rejection(() => validateInput(mediaInfo({ width: 720, height: 1280 }), limits)).code).toBe(
      'RESOLUTION_TOO_LOW',
    );
  });

  it('rejects a file with no video stream as the API refuses an audio-only MP4', () => {
    const error = rejection(() => validateInput(mediaInfo(null), limits));
    expect(error).toMatchObject({ code: 'UNSUPPORTED_TYPE', message: uploadTexts.noPicture().detail });
  });

  it('rejects a container that is not MP4/MOV', () => {
    const mkv = mediaInfo({}, { formatName: 'matroska,webm' });
    expect(rejection(() => validateInput(mkv, limits)).code).toBe('UNSUPPORTED_TYPE');
  });

  it('applies the limits it is given', () => {
    const small = mediaInfo({ width: 320, height: 180 }, { durationSeconds: 3 });
    expect(() => validateInput(small, { minSeconds: 1, maxSeconds: 60, minShortSide: 180 })).not.toThrow();
    expect(rejection(() => validateInput(small, { minSeconds: 1, maxSeconds: 60, minShortSide: 181 })).code).toBe(
      'RESOLUTION_TOO_LOW',
    );
  });
});
