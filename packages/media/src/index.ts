export { inspectMp4, Mp4Inspector } from './mp4/inspect-mp4.ts';
export { locateMediaTools } from './locate-binaries.ts';
export type { MediaTools } from './locate-binaries.ts';
export { probe } from './probe.ts';
export type { ProbeOptions } from './probe.ts';
export { parseProbeOutput } from './parse-probe-output.ts';
export { displaySize } from './media-info.ts';
export type { FrameSize, MediaInfo, Rotation, VideoStreamInfo } from './media-info.ts';
export {
  FfmpegError,
  InvalidInputError,
  MediaToolNotFoundError,
  OutputVerificationError,
  ProbeError,
} from './errors.ts';
export type { InvalidInputCode } from './errors.ts';
export { defaultShowcaseSettings, resolveShowcaseSettings, x264Presets } from './settings.ts';
export type { EncodeSettings, ShowcaseSettings, ShowcaseSettingsInput, X264Preset } from './settings.ts';
export { showcaseFormat } from './showcase-format.ts';
export { validateInput } from './validate-input.ts';
export { buildClipCommand } from './clip-command.ts';
export { buildBumperCommand } from './bumper-command.ts';
export { buildConcatList, buildJoinCommand } from './join-command.ts';
export { buildOnePassCommand } from './one-pass-command.ts';
export { posterFrameIndex, posterOutputArgs, posterTap } from './poster-tap.ts';
export { runFfmpeg } from './run-ffmpeg.ts';
export type { RunFfmpegOptions } from './run-ffmpeg.ts';
export type { FfmpegProgress } from './progress-parser.ts';
export { bumperCacheKey, ensureBumpers } from './bumpers.ts';
export type { Bumpers, EnsureBumpersOptions } from './bumpers.ts';
export { anbLogoPath } from './assets.ts';
export { prepareShowcase, renderShowcase } from './render-showcase.ts';
export type {
  EncodeTurn,
  RenderShowcaseOptions,
  ShowcaseProgress,
  ShowcaseResult,
  ShowcaseStage,
} from './render-showcase.ts';
export type { ClipCommandOptions, ClipCommandPaths } from './clip-command.ts';
export type { BumperCommandPaths } from './bumper-command.ts';
export type { BumperKind } from './showcase-filters.ts';
