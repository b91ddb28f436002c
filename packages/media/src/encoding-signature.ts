import type { MediaInfo } from './media-info.ts';
import { parseProbeOutput } from './parse-probe-output.ts';
import type { ProbeOptions } from './probe.ts';
import { runFfprobe } from './probe.ts';

/** What must be equal for H.264 parts to be joined by stream copy; extradata holds the SPS/PPS. */
export interface EncodingSignature {
  codec: string;
  profile: string;
  level: string;
  width: string;
  height: string;
  pixFmt: string;
  sampleAspectRatio: string;
  timeBase: string;
  frameRate: string;
  extradata: string;
}

const fields: Record<keyof EncodingSignature, string> = {
  codec: 'codec_name',
  profile: 'profile',
  level: 'level',
  width: 'width',
  height: 'height',
  pixFmt: 'pix_fmt',
  sampleAspectRatio: 'sample_aspect_ratio',
  timeBase: 'time_base',
  frameRate: 'r_frame_rate',
  extradata: 'extradata',
};

export async function probeEncodingSignature(path: string, options: ProbeOptions): Promise<EncodingSignature> {
  return parseEncodingSignature(
    await runFfprobe(path, ['-select_streams', 'v:0', '-show_streams', '-show_data'], options),
  );
}

/** Media info and encoding signature of a rendered part from one ffprobe run. */
export async function probeEncodedPart(
  path: string,
  options: ProbeOptions,
): Promise<{ info: MediaInfo; signature: EncodingSignature }> {
  const stdout = await runFfprobe(path, ['-show_format', '-show_streams', '-show_data'], options);
  return { info: parseProbeOutput(stdout), signature: parseEncodingSignature(stdout) };
}

export function parseEncodingSignature(stdout: string): EncodingSignature {
  const parsed = JSON.parse(stdout) as { streams?: Record<string, unknown>[] };
  const stream = parsed.streams?.find((candidate) => candidate.codec_type === 'video') ?? {};
  const entries = Object.entries(fields).map(([key, field]) => [key, String(stream[field] ?? '')]);
  return Object.fromEntries(entries) as unknown as EncodingSignature;
}

/** Names of the fields in which `part` differs from `reference`; empty when they can be joined. */
export function signatureMismatches(reference: EncodingSignature, part: EncodingSignature): string[] {
  return (Object.keys(fields) as (keyof EncodingSignature)[]).filter((key) => reference[key] !== part[key]);
}
