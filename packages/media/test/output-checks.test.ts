import { describe, expect, it } from 'vitest';
import type { EncodingSignature } from '../src/encoding-signature.ts';
import { parseEncodingSignature, signatureMismatches } from '../src/encoding-signature.ts';
import { fitIntoFrame } from '../src/frame-fit.ts';
import { findOutputProblems } from '../src/verify-output.ts';
import { mediaInfo } from './support/media-info.ts';

const showcase = mediaInfo(
  { width: 1280, height: 720, codec: 'h264', pixFmt: 'yuv420p' },
  { durationSeconds: 35, hasAudio: false },
);

describe('findOutputProblems', () => {
  it('accepts a 1280x720 silent H.264 yuv420p video of the expected length', () => {
    expect(findOutputProblems(showcase, { minSeconds: 34.9, maxSeconds: 35.1 })).toEqual([]);
  });

  it('lists every difference from the spec', () => {
    const wrong = mediaInfo(
      { width: 1920, height: 1080, codec: 'hevc', pixFmt: 'yuv420p10le' },
      { durationSeconds: 30 },
    );
    expect(findOutputProblems(wrong, { minSeconds: 34.9, maxSeconds: 35.1 })).toEqual([
      'codec hevc, expected h264',
      'size 1920x1080, expected 1280x720',
      'pixel format yuv420p10le, expected yuv420p',
      'has an audio stream',
      'duration 30 s, expected 34.9–35.1 s',
    ]);
    expect(findOutputProblems(mediaInfo(null), { minSeconds: 0, maxSeconds: 1 })).toEqual(['no video stream']);
  });
});

describe('encoding signatures', () => {
  const probeJson = (extradata: string, profile = 'High') =>
    JSON.stringify({
      streams: [
        { codec_type: 'audio', codec_name: 'aac', profile: 'LC' },
        {
          codec_type: 'video', codec_name: 'h264', profile, level: 40, width: 1280, height: 720, pix_fmt: 'yuv420p',
          sample_aspect_ratio: '1:1', time_base: '1/15360', r_frame_rate: '30/1', extradata,
        },
      ],
    }); // prettier-ignore

  it('parses the fields of the video stream that must match for a stream-copy join', () => {
    expect(parseEncodingSignature(probeJson('0164 0028'))).toEqual<EncodingSignature>({
      codec: 'h264',
      profile: 'High',
      level: '40',
      width: '1280',
      height: '720',
      pixFmt: 'yuv420p',
      sampleAspectRatio: '1:1',
      timeBase: '1/15360',
      frameRate: '30/1',
      extradata: '0164 0028',
    });
  });

  it('names the fields that differ', () => {
    const clip = parseEncodingSignature(probeJson('0164 0028'));
    expect(signatureMismatches(clip, parseEncodingSignature(probeJson('0164 0028')))).toEqual([]);
    expect(signatureMismatches(clip, parseEncodingSignature(probeJson('0142 c01f', 'Constrained Baseline')))).toEqual([
      'profile',
      'extradata',
    ]);
  });
});

describe('fitIntoFrame', () => {
  const frame = { width: 1280, height: 720 };

  it('pillarboxes 4:3 into 960x720 at x=160', () => {
    expect(fitIntoFrame({ width: 1440, height: 1080 }, frame)).toEqual({ width: 960, height: 720, x: 160, y: 0 });
  });

  it('letterboxes 21:9 into 1280x548 at y=86', () => {
    expect(fitIntoFrame({ width: 2520, height: 1080 }, frame)).toEqual({ width: 1280, height: 548, x: 0, y: 86 });
  });
});
