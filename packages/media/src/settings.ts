import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { organiserUploadRules, type VideoRules } from '@anb/core';

export const x264Presets = [
  'ultrafast',
  'superfast',
  'veryfast',
  'faster',
  'fast',
  'medium',
  'slow',
  'slower',
  'veryslow',
] as const;

export type X264Preset = (typeof x264Presets)[number];

/** The knobs that change the encoded bytes; bumpers are re-rendered when any of them changes. */
export interface EncodeSettings {
  preset: X264Preset;
  crf: number;
  /** 0 lets x264 pick (about 1.5 threads per core). */
  threads: number;
  /**
   * Decode the upload without its in-loop deblocking filter (H.264, HEVC). The picture is scaled
   * down at least 1.5× and re-encoded, which averages away most of what deblocking smooths;
   * measured: decoding costs 12 % less CPU, SSIM of the result drops by about 0.002.
   * Absent means a standard decode.
   */
  skipInputDeblocking?: boolean;
}

export interface ShowcaseSettings extends EncodeSettings {
  /** The contest rules the upload is checked against again (core's); tests lower them to run on small inputs. */
  limits: VideoRules;
  /** Where the rendered bumpers are kept between videos. */
  bumperCacheDir: string;
  /** Upper bound for any single ffmpeg run. */
  ffmpegTimeoutMs: number;
}

export type ShowcaseSettingsInput = Partial<Omit<ShowcaseSettings, 'limits'>> & { limits?: Partial<VideoRules> };

export const defaultShowcaseSettings: ShowcaseSettings = {
  // Measured (README, docs/capacity/worker-bench.md): a fifth less CPU than veryfast for 4–9 % larger
  // files and SSIM 0.003 lower; about half the CPU of medium.
  preset: 'superfast',
  crf: 23,
  threads: 0,
  skipInputDeblocking: true,
  limits: {
    minSeconds: organiserUploadRules.minSeconds,
    maxSeconds: organiserUploadRules.maxSeconds,
    minShortSide: organiserUploadRules.minShortSide,
  },
  bumperCacheDir: join(tmpdir(), 'anb-bumpers'),
  ffmpegTimeoutMs: 10 * 60_000,
};

/** Fills in defaults and rejects values ffmpeg would reject later, with the setting's name. */
export function resolveShowcaseSettings(input: ShowcaseSettingsInput = {}): ShowcaseSettings {
  const settings: ShowcaseSettings = {
    ...defaultShowcaseSettings,
    ...input,
    limits: { ...defaultShowcaseSettings.limits, ...input.limits },
  };
  if (!x264Presets.includes(settings.preset)) throw new RangeError(`preset must be one of ${x264Presets.join(', ')}`);
  if (!(settings.crf >= 0 && settings.crf <= 51)) throw new RangeError('crf must be between 0 and 51');
  if (!Number.isInteger(settings.threads) || settings.threads < 0)
    throw new RangeError('threads must be an integer ≥ 0');
  if (!(settings.ffmpegTimeoutMs > 0)) throw new RangeError('ffmpegTimeoutMs must be positive');
  const { minSeconds, maxSeconds, minShortSide } = settings.limits;
  if (!(minSeconds >= 0 && maxSeconds >= minSeconds)) {
    throw new RangeError('limits must satisfy 0 ≤ minSeconds ≤ maxSeconds');
  }
  if (!(minShortSide > 0)) throw new RangeError('limits.minShortSide must be positive');
  return settings;
}
