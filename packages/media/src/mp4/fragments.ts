import { childBoxes } from './boxes.ts';

/** What one movie fragment (moof) says about a track's timeline. */
interface FragmentRun {
  trackId: number;
  /** tfdt's decode time of the fragment's first sample, when present. */
  startTime: number | undefined;
  duration: number;
}

/**
 * The length of one track in a fragmented MP4 whose moov does not know it (ffmpeg's `empty_moov`,
 * live recorders): the end of its last fragment, in the track's timescale. `defaultSampleDuration`
 * comes from moov/mvex/trex, for fragments that give neither per-sample nor default durations.
 */
export function fragmentedTrackDuration(
  moofs: Buffer[],
  trackId: number,
  defaultSampleDuration: number,
): number | undefined {
  let end = 0;
  let summed = 0;
  for (const moof of moofs) {
    for (const traf of childBoxes(moof).get('traf') ?? []) {
      const run = readTrackFragment(traf, defaultSampleDuration);
      if (!run || run.trackId !== trackId) continue;
      summed += run.duration;
      end = Math.max(end, run.startTime === undefined ? summed : run.startTime + run.duration);
    }
  }
  return end > 0 ? end : undefined;
}

/** trex: version/flags, track id, sample description index, default sample duration. */
export function trexDefaultDuration(trexes: Buffer[] | undefined, trackId: number): number {
  const trex = trexes?.find((box) => box.length >= 16 && box.readUInt32BE(4) === trackId);
  return trex ? trex.readUInt32BE(12) : 0;
}

function readTrackFragment(traf: Buffer, trexDuration: number): FragmentRun | undefined {
  const children = childBoxes(traf);
  const tfhd = children.get('tfhd')?.[0];
  if (!tfhd || tfhd.length < 8) return undefined;
  const tfhdFlags = tfhd.readUInt32BE(0) & 0xffffff;
  // Optional fields before the default duration: base data offset (8), sample description index (4).
  const durationAt = 8 + (tfhdFlags & 0x01 ? 8 : 0) + (tfhdFlags & 0x02 ? 4 : 0);
  const defaultDuration =
    tfhdFlags & 0x08 && tfhd.length >= durationAt + 4 ? tfhd.readUInt32BE(durationAt) : trexDuration;
  let duration = 0;
  for (const trun of children.get('trun') ?? []) duration += runDuration(trun, defaultDuration);
  return { trackId: tfhd.readUInt32BE(4), startTime: readDecodeTime(children.get('tfdt')?.[0]), duration };
}

/** trun: flags say which per-sample fields follow; 0x100 is the sample duration. */
function runDuration(trun: Buffer, defaultDuration: number): number {
  if (trun.length < 8) return 0;
  const flags = trun.readUInt32BE(0) & 0xffffff;
  const samples = trun.readUInt32BE(4);
  if (!(flags & 0x100)) return samples * defaultDuration;
  const fieldBytes = [0x100, 0x200, 0x400, 0x800].filter((field) => flags & field).length * 4;
  let offset = 8 + (flags & 0x01 ? 4 : 0) + (flags & 0x04 ? 4 : 0);
  let total = 0;
  for (let sample = 0; sample < samples && offset + 4 <= trun.length; sample++, offset += fieldBytes) {
    total += trun.readUInt32BE(offset);
  }
  return total;
}

function readDecodeTime(tfdt: Buffer | undefined): number | undefined {
  if (!tfdt || tfdt.length < 8) return undefined;
  if (tfdt.readUInt8(0) === 1) return tfdt.length >= 12 ? Number(tfdt.readBigUInt64BE(4)) : undefined;
  return tfdt.readUInt32BE(4);
}
