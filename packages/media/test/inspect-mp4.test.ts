import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectMp4 } from '../src/mp4/inspect-mp4.ts';
import { audioTrack, box, boxClaiming, boxToEnd, ftyp, mdat, moof, moov, videoTrack } from './support/mp4-boxes.ts';
import { tools } from './support/fixtures.ts';

const run = promisify(execFile);
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'anb-inspect-mp4-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

let written = 0;
async function inspectBytes(...parts: Buffer[]) {
  const file = path.join(folder, `file-${written++}.mp4`);
  await writeFile(file, Buffer.concat(parts));
  return inspectMp4(file);
}

const fullHd = (seconds: number) => ({ kind: 'video', durationSeconds: seconds, width: 1920, height: 1080 });
const movie21s = () => moov({ duration: 21_000, tracks: [videoTrack(21), audioTrack(21)] });

describe('inspectMp4 over hand-made box layouts', () => {
  it('reads a movie whose moov comes after mdat (as cameras write it)', async () => {
    expect(await inspectBytes(ftyp('isom'), mdat(), movie21s())).toEqual(fullHd(21));
  });

  it('reads a movie whose moov comes before mdat (faststart)', async () => {
    expect(await inspectBytes(ftyp('isom'), movie21s(), mdat())).toEqual(fullHd(21));
  });

  it.each(['isom', 'mp42', 'iso6', 'avc1', 'M4V '])('accepts the %j brand', async (brand) => {
    expect(await inspectBytes(ftyp(brand), movie21s(), mdat())).toEqual(fullHd(21));
  });

  it('refuses the QuickTime brand "qt  " as not MP4, whatever its boxes', async () => {
    expect(await inspectBytes(ftyp('qt  ', ['qt  ']), movie21s(), mdat())).toEqual({ kind: 'not_mp4' });
  });

  it('refuses a file without ftyp first', async () => {
    expect(await inspectBytes(movie21s(), mdat())).toEqual({ kind: 'not_mp4' });
    expect(await inspectBytes(Buffer.from('%PDF-1.7 not a video at all'))).toEqual({ kind: 'not_mp4' });
  });

  it('reads 64-bit box sizes (size 1 and a large size), on mdat and on moov', async () => {
    const bigMoov = box('moov', movie21s().subarray(8), { largeSize: true });
    expect(await inspectBytes(ftyp('mp42'), box('mdat', Buffer.alloc(1000), { largeSize: true }), bigMoov)).toEqual(
      fullHd(21),
    );
  });

  it('reads version 1 (64-bit) movie and media headers', async () => {
    const movie = moov({ version: 1, duration: 21_000, tracks: [videoTrack(21, { version: 1 })] });
    expect(await inspectBytes(ftyp('isom'), movie, mdat())).toEqual(fullHd(21));
  });

  it('takes the video track duration over a longer movie (an audio track running past the picture)', async () => {
    const movie = moov({ duration: 65_000, tracks: [videoTrack(30), audioTrack(65)] });
    expect(await inspectBytes(ftyp('isom'), movie, mdat())).toEqual(fullHd(30));
  });

  it('reads a fragmented MP4: empty sample tables, the duration in mvex/mehd, media in moof + mdat', async () => {
    const movie = moov({
      duration: 0,
      mvex: { mehdDuration: 25_000 },
      tracks: [videoTrack(25, { samples: 0, duration: 0 })],
    });
    expect(await inspectBytes(ftyp('iso6', ['iso6', 'dash']), movie, moof(), mdat())).toEqual(fullHd(25));
  });

  describe('a fragmented MP4 whose moov does not know the duration (no mehd)', () => {
    const emptyMovie = (defaultSampleDuration = 0) =>
      moov({
        duration: 0,
        mvex: { defaultSampleDuration },
        tracks: [videoTrack(0, { samples: 0, duration: 0 }), { ...audioTrack(0), trackId: 2 }],
      });
    // 90 kHz, 30 fps: 3000 ticks a frame; ten 2 s fragments of 60 frames make 20 s.
    const fragments = (spec: (index: number) => Parameters<typeof moof>[0]) =>
      Array.from({ length: 10 }, (_, index) => [moof(spec(index)), mdat(64)]).flat();

    it('sums per-sample durations, fragment after fragment', async () => {
      const parts = fragments(() => ({ trackId: 1, samples: 60, sampleDurations: Array(60).fill(3000) }));
      expect(await inspectBytes(ftyp('iso6'), emptyMovie(), ...parts)).toEqual(fullHd(20));
    });

    it("ends at the last fragment's decode time plus its length (tfdt)", async () => {
      const parts = fragments((index) => ({
        trackId: 1,
        samples: 60,
        startTime: index * 180_000,
        defaultDuration: 3000,
      }));
      expect(await inspectBytes(ftyp('iso6'), emptyMovie(), ...parts)).toEqual(fullHd(20));
    });

    it("falls back on trex's default duration, and counts only the video track's fragments", async () => {
      const parts = [
        ...fragments(() => ({ trackId: 1, samples: 60 })),
        moof({ trackId: 2, samples: 5000, defaultDuration: 1024 }),
        mdat(64),
      ];
      expect(await inspectBytes(ftyp('iso6'), emptyMovie(3000), ...parts)).toEqual(fullHd(20));
    });

    it('is unreadable when no fragment gives a duration', async () => {
      const parts = fragments(() => ({ trackId: 1, samples: 60 }));
      expect(await inspectBytes(ftyp('iso6'), emptyMovie(), ...parts)).toMatchObject({ kind: 'unreadable' });
    });
  });

  it.each(['hvc1', 'hev1', 'avc3'])('reads a %s (HEVC / H.264) video track', async (codec) => {
    const movie = moov({ duration: 21_000, tracks: [videoTrack(21, { codec, width: 3840, height: 2160 })] });
    expect(await inspectBytes(ftyp('isom'), movie, mdat())).toEqual({
      kind: 'video',
      durationSeconds: 21,
      width: 3840,
      height: 2160,
    });
  });

  it('reports the coded size of a phone recording rotated by its display matrix (the short side is unchanged)', async () => {
    const portrait = moov({ duration: 21_000, tracks: [videoTrack(21, { rotation: 90 })] });
    expect(await inspectBytes(ftyp('isom'), portrait, mdat())).toEqual(fullHd(21));
  });

  it('reads 60 fps and variable frame rate tracks by their media duration', async () => {
    const sixty = moov({ duration: 21_000, tracks: [videoTrack(21, {}, 60)] });
    expect(await inspectBytes(ftyp('isom'), sixty, mdat())).toEqual(fullHd(21));
    // 300 frames at 1/60 s, then 300 at 1/30 s: 15 s of picture.
    const variable = moov({
      duration: 15_000,
      tracks: [
        videoTrack(15, {
          samples: 600,
          timeToSample: [
            [300, 1500],
            [300, 3000],
          ],
          duration: 15 * 90_000,
        }),
      ],
    });
    expect(await inspectBytes(ftyp('isom'), variable, mdat())).toEqual(fullHd(15));
  });

  it('tells an audio-only MP4 apart from a damaged one', async () => {
    const audioOnly = moov({ duration: 21_000, tracks: [audioTrack(21)] });
    expect(await inspectBytes(ftyp('M4A '), audioOnly, mdat())).toEqual({ kind: 'no_picture' });
    expect(await inspectBytes(ftyp('isom'), moov({ duration: 21_000, tracks: [] }), mdat())).toMatchObject({
      kind: 'unreadable',
    });
  });

  it('accepts a last box of size 0, which runs to the end of the file', async () => {
    expect(await inspectBytes(ftyp('isom'), movie21s(), boxToEnd('mdat', Buffer.alloc(5000)))).toEqual(fullHd(21));
  });

  it.each([
    ['a box claiming more bytes than the file has', () => [ftyp('isom'), movie21s(), boxClaiming('mdat', 2 ** 31)]],
    ['a box smaller than its own header', () => [ftyp('isom'), movie21s(), boxClaiming('free', 4), mdat()]],
    ['a 64-bit size beyond any file', () => [ftyp('isom'), movie21s(), oversized64BitBox()]],
    ['a moov of 64 MB (no real movie header is that large)', () => [ftyp('isom'), mdat(), hugeMoov()]],
    ['no moov at all', () => [ftyp('isom'), mdat()]],
    ['a moov but no media data', () => [ftyp('isom'), movie21s()]],
    [
      'a video track without dimensions',
      () => [ftyp('isom'), moov({ duration: 21_000, tracks: [videoTrack(21, { width: 0, height: 0 })] }), mdat()],
    ],
    [
      'a video track without frames',
      () => [ftyp('isom'), moov({ duration: 21_000, tracks: [videoTrack(21, { samples: 0 })] }), mdat()],
    ],
    ['a file cut inside moov', () => [ftyp('isom'), mdat(), movie21s().subarray(0, 300)]],
  ])('calls %s unreadable, without throwing', async (_case, parts) => {
    expect(await inspectBytes(...parts())).toMatchObject({ kind: 'unreadable', reason: expect.any(String) });
  });

  it('ignores a malformed child inside moov instead of reading past it', async () => {
    const movie = box('moov', [movie21s().subarray(8), boxClaiming('udta', 10_000)]);
    expect(await inspectBytes(ftyp('isom'), movie, mdat())).toEqual(fullHd(21));
  });
});

function oversized64BitBox(): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(1, 0);
  header.write('mdat', 4, 'latin1');
  header.writeBigUInt64BE(2n ** 62n, 8);
  return header;
}

/** A valid movie header padded to 64 MB: only its size makes it suspicious. */
function hugeMoov(): Buffer {
  return box('moov', [movie21s().subarray(8), box('free', Buffer.alloc(64 * 1024 * 1024))]);
}

describe('inspectMp4 over files made by ffmpeg', () => {
  const make = async (name: string, args: string[]) => {
    const file = path.join(folder, name);
    await run(tools.ffmpegPath, ['-v', 'error', '-y', ...args, file]);
    return file;
  };
  const picture = (size: string, rate: number, seconds: number) => [
    ...['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${rate}`, '-t', String(seconds)],
  ];
  const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

  it('reads faststart and fragmented H.264 files alike', async () => {
    const faststart = await make('faststart.mp4', [...picture('320x240', 10, 3), ...x264, '-movflags', '+faststart']);
    const fragmented = await make('fragmented.mp4', [
      ...picture('320x240', 10, 3),
      ...x264,
      '-movflags',
      'frag_keyframe',
    ]);
    // empty_moov: the moov knows nothing of the media; only the fragments tell the duration.
    const emptyMoov = await make('empty-moov.mp4', [
      ...picture('320x240', 10, 3),
      ...x264,
      '-movflags',
      'frag_keyframe+empty_moov+default_base_moof',
    ]);
    expect(await inspectMp4(faststart)).toEqual({ kind: 'video', durationSeconds: 3, width: 320, height: 240 });
    expect(await inspectMp4(fragmented)).toEqual({ kind: 'video', durationSeconds: 3, width: 320, height: 240 });
    expect(await inspectMp4(emptyMoov)).toEqual({ kind: 'video', durationSeconds: 3, width: 320, height: 240 });
  });

  it.each(['hvc1', 'hev1'])('reads an HEVC file tagged %s at 60 fps', async (tag) => {
    const file = await make(`hevc-${tag}.mp4`, [
      ...picture('320x240', 60, 2),
      ...['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=error', '-tag:v', tag],
    ]);
    expect(await inspectMp4(file)).toEqual({ kind: 'video', durationSeconds: 2, width: 320, height: 240 });
  });

  it('reads a file with a rotation tag by its coded size', async () => {
    const file = await make('rotated.mp4', [...picture('320x240', 10, 2), ...x264, '-metadata:s:v', 'rotate=90']);
    expect(await inspectMp4(file)).toEqual({ kind: 'video', durationSeconds: 2, width: 320, height: 240 });
  });

  it('reads a variable frame rate file', async () => {
    const file = await make('vfr.mp4', [
      ...picture('320x240', 30, 4),
      ...['-vf', "select='not(mod(n\\,3))+lt(n\\,30)',setpts=N/TB/30*if(lt(N\\,30)\\,1\\,2)"],
      ...['-vsync', 'vfr'],
      ...x264,
    ]);
    expect(await inspectMp4(file)).toMatchObject({ kind: 'video', width: 320, height: 240 });
  });

  it('tells an AAC-only file that it has no picture', async () => {
    const file = await make('audio.mp4', ['-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '2', '-c:a', 'aac']);
    expect(await inspectMp4(file)).toEqual({ kind: 'no_picture' });
  });
});
