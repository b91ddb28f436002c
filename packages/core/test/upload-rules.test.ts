import { describe, expect, it } from 'vitest';
import { UploadRejectedError } from '../src/domain/errors.ts';
import {
  assertAcceptableVideo,
  checkFileSize,
  checkVideo,
  organiserUploadRules,
  type VideoInspection,
} from '../src/domain/upload-rules.ts';
import { shownToPlayer, uploadTexts } from '../src/domain/upload-texts.ts';

const rules = organiserUploadRules;
const video = (durationSeconds: number, width: number, height: number): VideoInspection => ({
  kind: 'video',
  durationSeconds,
  width,
  height,
});

describe('checkVideo with the organiser rules (20–60 s, 1080p)', () => {
  it.each([
    [video(20, 1920, 1080), undefined],
    [video(60, 1080, 1920), undefined],
    [video(45, 3840, 2160), undefined],
    [video(19.9, 1920, 1080), 'DURATION_OUT_OF_RANGE'],
    [video(60.1, 1920, 1080), 'DURATION_OUT_OF_RANGE'],
    [video(30, 1280, 720), 'RESOLUTION_TOO_LOW'],
    [video(30, 1079, 1920), 'RESOLUTION_TOO_LOW'],
    [{ kind: 'not_mp4' } as const, 'UNSUPPORTED_TYPE'],
    [{ kind: 'no_picture' } as const, 'UNSUPPORTED_TYPE'],
    [{ kind: 'unreadable', reason: 'truncated' } as const, 'UNREADABLE_VIDEO'],
  ])('%j → %s', (inspection, code) => {
    expect(checkVideo(inspection, rules)?.code).toBe(code);
  });

  it('tells a file without picture apart from a damaged one', () => {
    expect(checkVideo({ kind: 'no_picture' }, rules)?.detail).toMatch(/no tiene imagen/);
    expect(checkVideo({ kind: 'unreadable', reason: 'x' }, rules)?.detail).toMatch(/dañado o incompleto/);
  });

  it('tells the player the measured duration in Spanish, after the organiser text', () => {
    expect(checkVideo(video(12.5, 1920, 1080), rules)?.detail).toBe(
      'Error en el archivo (tipo o tamaño inválido): el video dura 12,5 s y debe durar entre 20 y 60 s.',
    );
  });

  it('applies the rules it is given, not the organiser ones', () => {
    const lowered = { minSeconds: 1, maxSeconds: 5, minShortSide: 240 };
    expect(checkVideo(video(3, 320, 240), lowered)).toBeUndefined();
    expect(checkVideo(video(6, 320, 240), lowered)?.detail).toContain('entre 1 y 5 s');
    expect(checkVideo(video(3, 320, 200), lowered)?.detail).toContain('menor que 240p');
  });
});

describe('checkFileSize', () => {
  it('refuses an empty file and one over the limit, naming both sizes', () => {
    expect(checkFileSize(0, rules)?.code).toBe('MISSING_FIELD');
    expect(checkFileSize(rules.maxBytes, rules)).toBeUndefined();
    expect(checkFileSize(150 * 1024 * 1024, rules)).toEqual({
      code: 'FILE_TOO_LARGE',
      detail: 'Error en el archivo (tipo o tamaño inválido): el archivo pesa 150 MB y el máximo es 100 MB.',
    });
  });
});

describe('assertAcceptableVideo', () => {
  it('throws the refusal checkVideo finds, with its code and text', () => {
    const refusal = checkVideo(video(30, 1280, 720), rules);
    const thrown = (() => {
      try {
        assertAcceptableVideo(video(30, 1280, 720), rules);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(UploadRejectedError);
    expect(thrown).toMatchObject({ code: refusal?.code, message: refusal?.detail });
    expect(() => assertAcceptableVideo(video(30, 1920, 1080), rules)).not.toThrow();
  });
});

describe('uploadTexts', () => {
  it('words a cut-off oversized upload without the size it never learned', () => {
    expect(uploadTexts.fileTooLarge({ maxBytes: 1.5 * 1024 * 1024 }).detail).toBe(
      'Error en el archivo (tipo o tamaño inválido): el archivo supera el máximo de 1,5 MB.',
    );
  });

  it('sums the rules up in one sentence for the upload form', () => {
    expect(uploadTexts.rulesSummary(rules)).toBe(
      'MP4 de 20 a 60 segundos, 1080p o más (el lado corto de al menos 1080 px), hasta 100 MB.',
    );
  });
});

describe('shownToPlayer', () => {
  it('drops the organiser prefix before a duration or a resolution, where type and size were fine', () => {
    expect(shownToPlayer(uploadTexts.durationOutOfRange(12, rules).detail)).toBe(
      'El video dura 12 s y debe durar entre 20 y 60 s.',
    );
    expect(shownToPlayer(uploadTexts.resolutionTooLow(1280, 720, rules).detail)).toBe(
      'La resolución 1280x720 es menor que 1080p.',
    );
  });

  it('keeps every other text as the API says it', () => {
    for (const text of [uploadTexts.notMp4().detail, uploadTexts.fileTooLarge(rules).detail, 'Otro texto.']) {
      expect(shownToPlayer(text)).toBe(text);
    }
  });
});
