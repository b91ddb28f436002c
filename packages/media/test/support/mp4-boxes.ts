/** Hand-made ISO BMFF boxes, so the parser's tests control every byte of a file's structure. */

const u8 = (value: number) => Buffer.from([value]);
const u16 = (value: number) => {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(value);
  return bytes;
};
const u32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
};
const u64 = (value: number) => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
};
const zeros = (length: number) => Buffer.alloc(length);
const fullBoxHeader = (version = 0, flags = 0) => Buffer.concat([u8(version), u8(flags >>> 16), u16(flags & 0xffff)]);

/** A box with a 32-bit size, or with size 1 and a 64-bit size after the type. */
export function box(type: string, payload: Buffer | Buffer[], { largeSize = false } = {}): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.concat(payload);
  const name = Buffer.from(type, 'latin1');
  return largeSize
    ? Buffer.concat([u32(1), name, u64(16 + body.length), body])
    : Buffer.concat([u32(8 + body.length), name, body]);
}

/** A box whose size field is 0: it runs to the end of the file. */
export const boxToEnd = (type: string, payload: Buffer) =>
  Buffer.concat([u32(0), Buffer.from(type, 'latin1'), payload]);

/** A header that claims `size` bytes whatever follows it. */
export const boxClaiming = (type: string, size: number, payload = Buffer.alloc(0)) =>
  Buffer.concat([u32(size), Buffer.from(type, 'latin1'), payload]);

export const ftyp = (major: string, compatible: string[] = ['isom']) =>
  box('ftyp', [Buffer.from(major, 'latin1'), u32(0x200), ...compatible.map((brand) => Buffer.from(brand, 'latin1'))]);

/** mvhd/mdhd, version 0 (32-bit times) or 1 (64-bit). */
function timedHeader(type: 'mvhd' | 'mdhd', timescale: number, duration: number, version: 0 | 1): Buffer {
  const times =
    version === 1 ? [u64(0), u64(0), u32(timescale), u64(duration)] : [u32(0), u32(0), u32(timescale), u32(duration)];
  const rest = type === 'mvhd' ? zeros(80) : zeros(4);
  return box(type, [fullBoxHeader(version), ...times, rest]);
}

/** 16.16 fixed-point display matrix of a rotation, as phones write it in tkhd. */
function rotationMatrix(degrees: 0 | 90 | 180 | 270): Buffer {
  const one = 0x00010000;
  const minusOne = 0xffff0000;
  const matrices: Record<typeof degrees, [number, number, number, number]> = {
    0: [one, 0, 0, one],
    90: [0, one, minusOne, 0],
    180: [minusOne, 0, 0, minusOne],
    270: [0, minusOne, one, 0],
  };
  const [a, b, c, d] = matrices[degrees];
  return Buffer.concat([u32(a), u32(b), u32(0), u32(c), u32(d), u32(0), u32(0), u32(0), u32(0x40000000)]);
}

function tkhd(trackId: number, width: number, height: number, rotation: 0 | 90 | 180 | 270): Buffer {
  return box('tkhd', [
    fullBoxHeader(0, 3),
    zeros(8), // created, modified
    u32(trackId),
    zeros(8), // reserved, duration
    zeros(8 + 2 + 2 + 2 + 2), // reserved, layer, group, volume, reserved
    rotationMatrix(rotation),
    u32(width * 0x10000),
    u32(height * 0x10000),
  ]);
}

function visualSampleEntry(codec: string, width: number, height: number): Buffer {
  return box(codec, [zeros(6), u16(1), zeros(16), u16(width), u16(height), zeros(50)]);
}

const audioSampleEntry = () =>
  box('mp4a', [zeros(6), u16(1), zeros(8), u16(2), u16(16), zeros(4), u32(48_000 * 0x10000)]);

export interface TrackSpec {
  handler: 'vide' | 'soun';
  /** 1 when absent. */
  trackId?: number;
  codec?: string;
  width?: number;
  height?: number;
  timescale: number;
  /** In the track's timescale. */
  duration: number;
  /** Frames: the stsz sample count (0 in a fragmented file's moov). */
  samples: number;
  /** stts entries [count, delta]; several entries make a variable frame rate. */
  timeToSample?: Array<[number, number]>;
  rotation?: 0 | 90 | 180 | 270;
  version?: 0 | 1;
}

export function trak(spec: TrackSpec): Buffer {
  const video = spec.handler === 'vide';
  const entry = video ? visualSampleEntry(spec.codec ?? 'avc1', spec.width ?? 0, spec.height ?? 0) : audioSampleEntry();
  const stts = spec.timeToSample ?? [[spec.samples, spec.samples ? Math.round(spec.duration / spec.samples) : 0]];
  const stbl = box('stbl', [
    box('stsd', [fullBoxHeader(), u32(1), entry]),
    box('stts', [fullBoxHeader(), u32(stts.length), ...stts.flatMap(([count, delta]) => [u32(count), u32(delta)])]),
    box('stsz', [fullBoxHeader(), u32(0), u32(spec.samples)]),
  ]);
  return box('trak', [
    tkhd(spec.trackId ?? 1, spec.width ?? 0, spec.height ?? 0, spec.rotation ?? 0),
    box('mdia', [
      timedHeader('mdhd', spec.timescale, spec.duration, spec.version ?? 0),
      box('hdlr', [fullBoxHeader(), u32(0), Buffer.from(spec.handler, 'latin1'), zeros(12), u8(0)]),
      box('minf', [box(video ? 'vmhd' : 'smhd', zeros(12)), stbl]),
    ]),
  ]);
}

export interface MovieSpec {
  tracks: TrackSpec[];
  timescale?: number;
  /** In the movie's timescale; 0 when only a fragmented file's mehd knows it. */
  duration: number;
  version?: 0 | 1;
  /** Present in a fragmented MP4: mehd's whole duration (movie timescale) when known, trex's default sample duration. */
  mvex?: { mehdDuration?: number; trackId?: number; defaultSampleDuration?: number };
}

function mvex({ mehdDuration, trackId = 1, defaultSampleDuration = 0 }: NonNullable<MovieSpec['mvex']>): Buffer {
  const trex = box('trex', [fullBoxHeader(), u32(trackId), u32(1), u32(defaultSampleDuration), u32(0), u32(0)]);
  return box('mvex', [
    ...(mehdDuration === undefined ? [] : [box('mehd', [fullBoxHeader(), u32(mehdDuration)])]),
    trex,
  ]);
}

export function moov(spec: MovieSpec): Buffer {
  const timescale = spec.timescale ?? 1000;
  return box('moov', [
    timedHeader('mvhd', timescale, spec.duration, spec.version ?? 0),
    ...spec.tracks.map(trak),
    ...(spec.mvex ? [mvex(spec.mvex)] : []),
  ]);
}

export const mdat = (bytes = 4096) => box('mdat', Buffer.alloc(bytes, 0x42));

export interface FragmentSpec {
  trackId: number;
  samples: number;
  /** tfdt: the decode time of the first sample; absent in some writers' files. */
  startTime?: number;
  /** Per-sample durations in trun (flag 0x100); otherwise tfhd's default (flag 0x08), if given. */
  sampleDurations?: number[];
  defaultDuration?: number;
}

/** A movie fragment (moof with one traf): what follows a fragmented file's moov. */
export function moof(spec: FragmentSpec = { trackId: 1, samples: 0 }): Buffer {
  const tfhd = box('tfhd', [
    fullBoxHeader(0, spec.defaultDuration === undefined ? 0x020000 : 0x020008),
    u32(spec.trackId),
    ...(spec.defaultDuration === undefined ? [] : [u32(spec.defaultDuration)]),
  ]);
  const perSample = spec.sampleDurations !== undefined;
  // Data offset (0x01) and sample size (0x200) as encoders write them, around the durations.
  const trun = box('trun', [
    fullBoxHeader(0, 0x01 | 0x200 | (perSample ? 0x100 : 0)),
    u32(spec.samples),
    u32(0),
    ...Array.from({ length: spec.samples }, (_, index) =>
      Buffer.concat([...(perSample ? [u32(spec.sampleDurations?.[index] ?? 0)] : []), u32(1000)]),
    ),
  ]);
  const tfdt = spec.startTime === undefined ? [] : [box('tfdt', [fullBoxHeader(1), u64(spec.startTime)])];
  return box('moof', [box('mfhd', [fullBoxHeader(), u32(1)]), box('traf', [tfhd, ...tfdt, trun])]);
}

/** A 1080p H.264 track of `seconds` at `fps`, in a 90 kHz timescale as encoders write it. */
export function videoTrack(seconds: number, overrides: Partial<TrackSpec> = {}, fps = 30): TrackSpec {
  return {
    handler: 'vide',
    codec: 'avc1',
    width: 1920,
    height: 1080,
    timescale: 90_000,
    duration: seconds * 90_000,
    samples: seconds * fps,
    ...overrides,
  };
}

export const audioTrack = (seconds: number): TrackSpec => ({
  handler: 'soun',
  timescale: 48_000,
  duration: seconds * 48_000,
  samples: Math.ceil((seconds * 48_000) / 1024),
});
