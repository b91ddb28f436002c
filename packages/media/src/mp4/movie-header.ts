import { childBoxes, firstChild } from './boxes.ts';

export interface TrackFacts {
  /** tkhd's track id, which movie fragments name. */
  trackId: number;
  /** mdhd's ticks per second. */
  timescale: number;
  handler: string;
  codec: string | undefined;
  width: number;
  height: number;
  durationSeconds: number | undefined;
  sampleCount: number;
}

export interface MovieFacts {
  durationSeconds: number | undefined;
  fragmented: boolean;
  tracks: TrackFacts[];
  /** moov/mvex/trex payloads: per-track defaults for fragments. */
  trackExtends: Buffer[];
}

/** Reads duration and tracks from a `moov` payload. */
export function readMovie(moov: Buffer): MovieFacts {
  const children = childBoxes(moov);
  const mvhd = children.get('mvhd')?.[0];
  return {
    durationSeconds: readTimedDuration(mvhd, 12, 16) ?? readFragmentedDuration(mvhd, firstChild(moov, 'mvex', 'mehd')),
    fragmented: children.has('mvex'),
    tracks: (children.get('trak') ?? []).map(readTrack),
    trackExtends: childBoxes(children.get('mvex')?.[0] ?? Buffer.alloc(0)).get('trex') ?? [],
  };
}

function readTrack(trak: Buffer): TrackFacts {
  const mdia = firstChild(trak, 'mdia');
  const hdlr = firstChild(mdia, 'hdlr');
  const stbl = firstChild(mdia, 'minf', 'stbl');
  const sampleEntry = readFirstSampleEntry(firstChild(stbl, 'stsd'));
  const display = readTrackHeaderSize(firstChild(trak, 'tkhd'));
  const stsz = firstChild(stbl, 'stsz');
  const tkhd = firstChild(trak, 'tkhd');
  const mdhd = firstChild(mdia, 'mdhd');
  return {
    // tkhd and mdhd: version 0 has 32-bit times before the id/timescale, version 1 64-bit ones.
    trackId: tkhd && tkhd.length >= 24 ? tkhd.readUInt32BE(tkhd.readUInt8(0) === 1 ? 20 : 12) : 0,
    timescale: mdhd && mdhd.length >= 24 ? mdhd.readUInt32BE(mdhd.readUInt8(0) === 1 ? 20 : 12) : 0,
    handler: hdlr && hdlr.length >= 12 ? hdlr.toString('latin1', 8, 12) : '',
    codec: sampleEntry?.codec,
    // The coded size; the track header's display size only as a fallback.
    width: sampleEntry?.width || display.width,
    height: sampleEntry?.height || display.height,
    durationSeconds: readTimedDuration(mdhd, 12, 16),
    sampleCount: stsz && stsz.length >= 12 ? stsz.readUInt32BE(8) : 0,
  };
}

/**
 * mvhd and mdhd share a layout: version 0 has 32-bit times (timescale at 12, duration at 16),
 * version 1 has 64-bit ones (timescale at 20, duration at 24).
 */
function readTimedDuration(box: Buffer | undefined, timescaleAt: number, durationAt: number): number | undefined {
  if (!box || box.length < 4) return undefined;
  const version = box.readUInt8(0);
  if (version === 1) {
    if (box.length < 32) return undefined;
    const timescale = box.readUInt32BE(20);
    const duration = Number(box.readBigUInt64BE(24));
    return timescale > 0 && duration > 0 ? duration / timescale : undefined;
  }
  if (box.length < durationAt + 4) return undefined;
  const timescale = box.readUInt32BE(timescaleAt);
  const duration = box.readUInt32BE(durationAt);
  return timescale > 0 && duration > 0 && duration !== 0xffffffff ? duration / timescale : undefined;
}

/** Fragmented files may carry their whole duration in mvex/mehd, in the movie's timescale. */
function readFragmentedDuration(mvhd: Buffer | undefined, mehd: Buffer | undefined): number | undefined {
  if (!mvhd || !mehd || mvhd.length < 24 || mehd.length < 8) return undefined;
  const timescale = mvhd.readUInt32BE(mvhd.readUInt8(0) === 1 ? 20 : 12);
  const duration =
    mehd.readUInt8(0) === 1 && mehd.length >= 12 ? Number(mehd.readBigUInt64BE(4)) : mehd.readUInt32BE(4);
  return timescale > 0 && duration > 0 ? duration / timescale : undefined;
}

function readFirstSampleEntry(stsd: Buffer | undefined): { codec: string; width: number; height: number } | undefined {
  // stsd: version/flags (4), entry count (4), then entries: size (4), codec (4), 24 bytes, width (2), height (2).
  if (!stsd || stsd.length < 8 + 36 || stsd.readUInt32BE(4) === 0) return undefined;
  return { codec: stsd.toString('latin1', 12, 16), width: stsd.readUInt16BE(40), height: stsd.readUInt16BE(42) };
}

function readTrackHeaderSize(tkhd: Buffer | undefined): { width: number; height: number } {
  // Width and height are the last 8 bytes of tkhd, as 16.16 fixed point.
  if (!tkhd || tkhd.length < 84) return { width: 0, height: 0 };
  const end = tkhd.length;
  return { width: tkhd.readUInt32BE(end - 8) >>> 16, height: tkhd.readUInt32BE(end - 4) >>> 16 };
}
