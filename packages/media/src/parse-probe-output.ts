import type { MediaInfo, Rotation, VideoStreamInfo } from './media-info.ts';

type Json = Record<string, unknown>;

/** Turns `ffprobe -print_format json -show_format -show_streams` output into MediaInfo. */
export function parseProbeOutput(stdout: string): MediaInfo {
  const root = asObject(JSON.parse(stdout));
  const format = asObject(root?.format);
  if (!format) throw new TypeError('ffprobe output has no "format" section');
  const streams = Array.isArray(root?.streams) ? root.streams.map(asObject).filter((s) => s !== null) : [];
  const videoStream = streams.find((s) => s.codec_type === 'video' && !isAttachedPicture(s));
  const video = videoStream ? parseVideoStream(videoStream) : null;
  return {
    // The picture's length, as the API's upload check measures it: a long audio track does not make a long video.
    durationSeconds: (videoStream ? positiveNumber(videoStream.duration) : null) ?? positiveNumber(format.duration),
    formatName: stringOr(format.format_name, ''),
    formatLongName: stringOr(format.format_long_name, ''),
    video,
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
    sizeBytes: positiveNumber(format.size),
  };
}

function parseVideoStream(stream: Json): VideoStreamInfo {
  return {
    codec: stringOr(stream.codec_name, 'unknown'),
    width: positiveNumber(stream.width) ?? 0,
    height: positiveNumber(stream.height) ?? 0,
    rotation: readRotation(stream),
    sampleAspectRatio: ratio(stream.sample_aspect_ratio, ':') ?? 1,
    fps: ratio(stream.avg_frame_rate, '/') ?? ratio(stream.r_frame_rate, '/'),
    pixFmt: typeof stream.pix_fmt === 'string' ? stream.pix_fmt : null,
    colorTransfer: typeof stream.color_transfer === 'string' ? stream.color_transfer : null,
  };
}

/** The display matrix wins over the legacy `rotate` tag; ffprobe reports it counter-clockwise. */
function readRotation(stream: Json): Rotation {
  const sideData = Array.isArray(stream.side_data_list) ? stream.side_data_list.map(asObject) : [];
  const matrix = sideData.find((d) => d?.side_data_type === 'Display Matrix');
  const matrixRotation = matrix ? finiteNumber(matrix.rotation) : null;
  if (matrixRotation !== null) return normaliseRotation(-matrixRotation);
  const tags = asObject(stream.tags);
  const tagRotation = tags ? finiteNumber(tags.rotate) : null;
  return tagRotation === null ? 0 : normaliseRotation(tagRotation);
}

export function normaliseRotation(degrees: number): Rotation {
  const quarterTurns = ((Math.round(degrees / 90) % 4) + 4) % 4;
  return (quarterTurns * 90) as Rotation;
}

/** Cover art in MP4 shows up as a one-frame video stream; it is not the video. */
function isAttachedPicture(stream: Json): boolean {
  return asObject(stream.disposition)?.attached_pic === 1;
}

function asObject(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function finiteNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

function positiveNumber(value: unknown): number | null {
  const n = finiteNumber(value);
  return n !== null && n > 0 ? n : null;
}

/** "30000/1001" or "4:3"; "0/0" and "0:1" mean unknown. */
function ratio(value: unknown, separator: string): number | null {
  if (typeof value !== 'string') return null;
  const [num, den] = value.split(separator).map(Number);
  if (num === undefined || den === undefined || !(num > 0) || !(den > 0)) return null;
  return num / den;
}
