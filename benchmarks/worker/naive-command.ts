import { anbLogoPath, showcaseFormat } from '@anb/media';
import type { EncodeSettings, MediaInfo } from '@anb/media';
import { buildEncoderArgs } from '@anb/media/encoder-args';
import { bumperFilter, clipFilter } from '@anb/media/showcase-filters';

/** The naive pipeline's encoder settings: x264's default preset at the same CRF as ours. */
export const naiveSettings: EncodeSettings = { preset: 'medium', crf: 23, threads: 0 };

/**
 * The baseline the benchmark compares against: how the showcase is made without the pipeline's
 * shortcuts. ONE ffmpeg command that opens the whole upload (no input-side `-t`; the 30 s cut is a
 * `trim` inside the graph), renders opening bumper + clip +
 * closing bumper in one filter graph (concat filter) and re-encodes everything at preset medium.
 *
 * Not `buildOnePassCommand`: that is the pipeline's own fallback and already reads only the first
 * 30 s (`-t 30` before `-i`) at the configured preset. Here the picture work (fit, pad, watermark,
 * bumper layout) and the encoder options other than the preset are the package's own, so outputs
 * are comparable frame for frame and the difference measured is the pipeline, not the look.
 *
 * Measured with ffmpeg 5.1 (`-v verbose`): when the trim ends, the graph input is closed and ffmpeg
 * stops reading the upload, so on the 40 s inputs this decodes 902 of 1200 frames, not the whole file.
 * The comparison is therefore slightly in the naive pipeline's favour; the report estimates the rest.
 */
export function buildNaiveCommand(
  info: MediaInfo,
  paths: { inputPath: string; outputPath: string; logoPath?: string },
  settings: EncodeSettings = naiveSettings,
): string[] {
  if (!info.video) throw new TypeError('the input has no video stream');
  const graph = [
    '[1:v]split=3[logo_mark][logo_opening][logo_closing]',
    `[0:v:0]trim=duration=${showcaseFormat.maxClipSeconds},setpts=PTS-STARTPTS[trimmed]`,
    clipFilter(info.video, 'trimmed', 'logo_mark', 'clip'),
    bumperFilter('opening', 'logo_opening', 'opening'),
    bumperFilter('closing', 'logo_closing', 'closing'),
    '[opening][clip][closing]concat=n=3:v=1:a=0[showcase]',
  ].join(';');
  return [
    ['-autorotate', '1'],
    ['-i', paths.inputPath],
    ['-i', paths.logoPath ?? anbLogoPath],
    ['-filter_complex', graph],
    ['-map', '[showcase]'],
    buildEncoderArgs(settings),
    paths.outputPath,
  ].flat();
}
