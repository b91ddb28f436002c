import { buildEncoderArgs } from './encoder-args.ts';
import type { MediaInfo, VideoStreamInfo } from './media-info.ts';
import { posterFrame, posterOutputArgs, posterTap } from './poster-tap.ts';
import type { EncodeSettings } from './settings.ts';
import { clipFilter } from './showcase-filters.ts';
import { showcaseFormat } from './showcase-format.ts';

export interface ClipCommandPaths {
  inputPath: string;
  logoPath: string;
  outputPath: string;
  /** When given, the same pass also writes the JPEG poster here. */
  posterPath?: string;
}

export interface ClipCommandOptions {
  /**
   * The clip is a part the join copies into the final file (which gets faststart then), so it is written without
   * faststart's second pass over the file. Default false: a standalone file, playable while it downloads.
   */
  intermediate?: boolean;
}

/** One ffmpeg pass: the first 30 s of the upload, fitted, watermarked, silent, encoded like the bumpers. */
export function buildClipCommand(
  info: MediaInfo,
  settings: EncodeSettings,
  paths: ClipCommandPaths,
  options: ClipCommandOptions = {},
): string[] {
  const clip = clipFilter(requireVideo(info), '0:v:0', '1:v', paths.posterPath ? 'clip' : 'showcase');
  const graph = paths.posterPath ? `${clip};${posterTap('clip', 'showcase', 'poster', posterFrame(info))}` : clip;
  return [
    ...clipInputArgs(paths.inputPath, settings),
    ['-i', paths.logoPath],
    ['-filter_complex', graph],
    ['-map', '[showcase]'],
    buildEncoderArgs(settings, { faststart: !options.intermediate }),
    paths.outputPath,
    paths.posterPath ? posterOutputArgs('poster', paths.posterPath) : [],
  ].flat();
}

/** Input options for the upload, shared with the one-pass fallback. */
export function clipInputArgs(inputPath: string, settings: EncodeSettings): string[][] {
  return [
    settings.skipInputDeblocking ? ['-skip_loop_filter', 'all'] : [],
    // Explicit although it is ffmpeg's default: the fit is computed on the rotated (display) size.
    ['-autorotate', '1'],
    // As an input option it stops reading at 30 s, so the rest of the upload is never decoded.
    ['-t', String(showcaseFormat.maxClipSeconds)],
    ['-i', inputPath],
  ];
}

export function requireVideo(info: MediaInfo): VideoStreamInfo {
  if (!info.video) throw new TypeError('the input has no video stream; validate it before building commands');
  return info.video;
}
