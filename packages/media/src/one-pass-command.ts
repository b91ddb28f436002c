import { clipInputArgs, requireVideo } from './clip-command.ts';
import type { ClipCommandPaths } from './clip-command.ts';
import { buildEncoderArgs } from './encoder-args.ts';
import type { MediaInfo } from './media-info.ts';
import { posterFrame, posterOutputArgs, posterTap } from './poster-tap.ts';
import type { EncodeSettings } from './settings.ts';
import { bumperFilter, clipFilter } from './showcase-filters.ts';

/**
 * Fallback when the cached bumpers cannot be joined by stream copy: opening, clip and closing
 * rendered and encoded together in one filter graph. Slower (bumpers re-encoded) but always consistent.
 */
export function buildOnePassCommand(info: MediaInfo, settings: EncodeSettings, paths: ClipCommandPaths): string[] {
  const graph = [
    '[1:v]split=3[logo_mark][logo_opening][logo_closing]',
    clipFilter(requireVideo(info), '0:v:0', 'logo_mark', 'clip'),
    ...(paths.posterPath ? [posterTap('clip', 'clip_kept', 'poster', posterFrame(info))] : []),
    bumperFilter('opening', 'logo_opening', 'opening'),
    bumperFilter('closing', 'logo_closing', 'closing'),
    `[opening][${paths.posterPath ? 'clip_kept' : 'clip'}][closing]concat=n=3:v=1:a=0[showcase]`,
  ].join(';');
  return [
    ...clipInputArgs(paths.inputPath, settings),
    ['-i', paths.logoPath],
    ['-filter_complex', graph],
    ['-map', '[showcase]'],
    buildEncoderArgs(settings),
    paths.outputPath,
    paths.posterPath ? posterOutputArgs('poster', paths.posterPath) : [],
  ].flat();
}
