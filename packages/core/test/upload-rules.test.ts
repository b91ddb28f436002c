import { describe, expect, it } from 'vitest';
import { assertAcceptableVideo, type VideoInspection } from '../src/domain/upload-rules.ts';
import { UploadRejectedError } from '../src/domain/errors.ts';

const limits = { minSeconds: 20, maxSeconds: 60, minShortSide: 1080 };
const video = (durationSeconds: number, width: number, height: number): VideoInspection => ({
  kind: 'video',
  durationSeconds,
  width,
  height,
});

function rejectionCode(inspection: VideoInspection): string | undefined {
  try {
    assertAcceptableVideo(inspection, limits);
    return undefined;
  } catch (error) {
    if (error instanceof UploadRejectedError) return error.code;
    throw error;
  }
}

describe('assertAcceptableVideo', () => {
  it.each([
    [video(20, 1920, 1080), undefined],
    [video(60, 1080, 1920), undefined],
    [video(45, 3840, 2160), undefined],
    [video(19.9, 1920, 1080), 'DURATION_OUT_OF_RANGE'],
    [video(60.1, 1920, 1080), 'DURATION_OUT_OF_RANGE'],
    [video(30, 1280, 720), 'RESOLUTION_TOO_LOW'],
    [video(30, 1079, 1920), 'RESOLUTION_TOO_LOW'],
    [{ kind: 'not_mp4' } as const, 'UNSUPPORTED_TYPE'],
    [{ kind: 'audio_only' } as const, 'UNSUPPORTED_TYPE'],
    [{ kind: 'unreadable', reason: 'truncated' } as const, 'UNREADABLE_VIDEO'],
  ])('%j → %s', (inspection, code) => {
    expect(rejectionCode(inspection)).toBe(code);
  });

  it('tells an audio-only file apart from a damaged one', () => {
    expect(() => assertAcceptableVideo({ kind: 'audio_only' }, limits)).toThrowError(/solo tiene audio/);
    expect(() => assertAcceptableVideo({ kind: 'unreadable', reason: 'x' }, limits)).toThrowError(
      /dañado o incompleto/,
    );
  });

  it('tells the player the measured duration in Spanish', () => {
    expect(() => assertAcceptableVideo(video(12.5, 1920, 1080), limits)).toThrowError(
      'Error en el archivo: el video dura 12,5 s y debe durar entre 20 y 60 s.',
    );
  });
});
