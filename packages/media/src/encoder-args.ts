import type { EncodeSettings } from './settings.ts';
import { showcaseFormat as format } from './showcase-format.ts';

/**
 * Output options shared by the clip and the bumpers. Identical options give identical SPS/PPS,
 * which is what lets the parts be joined by stream copy.
 */
export function buildEncoderArgs(
  settings: EncodeSettings,
  { faststart = true }: { faststart?: boolean } = {},
): string[] {
  return [
    ['-c:v', 'libx264'],
    ['-preset', settings.preset],
    ['-crf', String(settings.crf)],
    ['-profile:v', format.profile],
    ['-level:v', format.level],
    // Without stitchable, x264 tunes the PPS to the content and CRF, and joined parts would not share headers.
    ['-x264-params', 'stitchable=1'],
    ['-g', String(format.gopFrames)],
    ['-sc_threshold', '0'],
    ['-pix_fmt', format.pixFmt],
    ['-colorspace', 'bt709'],
    ['-color_primaries', 'bt709'],
    ['-color_trc', 'bt709'],
    ['-color_range', 'tv'],
    ['-threads', String(settings.threads)],
    ['-video_track_timescale', String(format.trackTimescale)],
    '-an',
    // Phones store GPS position and device names in metadata; none of it belongs in a public video.
    ['-map_metadata', '-1'],
    // A muxer option: it moves the index to the front (a second pass over the file) and leaves the bitstream alone.
    faststart ? ['-movflags', '+faststart'] : [],
  ].flat();
}
