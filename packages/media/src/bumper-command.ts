import { buildEncoderArgs } from './encoder-args.ts';
import type { EncodeSettings } from './settings.ts';
import type { BumperKind } from './showcase-filters.ts';
import { bumperFilter } from './showcase-filters.ts';

export interface BumperCommandPaths {
  logoPath: string;
  outputPath: string;
}

/** Renders one 2.5 s bumper from the logo with exactly the clip's encoder options. */
export function buildBumperCommand(kind: BumperKind, settings: EncodeSettings, paths: BumperCommandPaths): string[] {
  return [
    ['-i', paths.logoPath],
    ['-filter_complex', bumperFilter(kind, '0:v', 'showcase')],
    ['-map', '[showcase]'],
    buildEncoderArgs(settings),
    paths.outputPath,
  ].flat();
}
