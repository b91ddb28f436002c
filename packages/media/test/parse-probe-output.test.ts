import { describe, expect, it } from 'vitest';
import { normaliseRotation, parseProbeOutput } from '../src/parse-probe-output.ts';

const format = {
  filename: 'upload.mp4',
  format_name: 'mov,mp4,m4a,3gp,3g2,mj2',
  format_long_name: 'QuickTime / MOV',
  duration: '41.250000',
  size: '48211537',
};

const aac = { index: 1, codec_type: 'audio', codec_name: 'aac', sample_rate: '48000', channels: 2 };

function output(streams: object[], formatSection: object | undefined = format): string {
  return JSON.stringify({ streams, format: formatSection });
}

describe('parseProbeOutput', () => {
  it('reads a landscape H.264 upload with audio', () => {
    const video = {
      index: 0,
      codec_type: 'video',
      codec_name: 'h264',
      width: 1920,
      height: 1080,
      pix_fmt: 'yuv420p',
      sample_aspect_ratio: '1:1',
      r_frame_rate: '30/1',
      avg_frame_rate: '30000/1001',
      color_transfer: 'bt709',
    };
    expect(parseProbeOutput(output([video, aac]))).toEqual({
      durationSeconds: 41.25,
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      formatLongName: 'QuickTime / MOV',
      video: {
        codec: 'h264',
        width: 1920,
        height: 1080,
        rotation: 0,
        sampleAspectRatio: 1,
        fps: 30000 / 1001,
        pixFmt: 'yuv420p',
        colorTransfer: 'bt709',
      },
      hasAudio: true,
      sizeBytes: 48211537,
    });
  });

  it('turns the display matrix of an iPhone portrait video (-90, counter-clockwise) into a 90° clockwise rotation', () => {
    const video = {
      codec_type: 'video',
      codec_name: 'hevc',
      width: 1920,
      height: 1080,
      pix_fmt: 'yuv420p10le',
      avg_frame_rate: '30/1',
      color_transfer: 'arib-std-b67',
      side_data_list: [
        { side_data_type: 'DOVI configuration record' },
        { side_data_type: 'Display Matrix', displaymatrix: '...', rotation: -90 },
      ],
    };
    const info = parseProbeOutput(output([video]));
    expect(info.video?.rotation).toBe(90);
    expect(info.video?.codec).toBe('hevc');
    expect(info.video?.colorTransfer).toBe('arib-std-b67');
    expect(info.hasAudio).toBe(false);
  });

  it('turns a display matrix rotation of 90 into 270 clockwise', () => {
    const video = {
      codec_type: 'video',
      codec_name: 'h264',
      width: 1920,
      height: 1080,
      side_data_list: [{ side_data_type: 'Display Matrix', rotation: 90 }],
    };
    expect(parseProbeOutput(output([video])).video?.rotation).toBe(270);
  });

  it('falls back to the legacy rotate tag when there is no display matrix', () => {
    const video = { codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, tags: { rotate: '180' } };
    expect(parseProbeOutput(output([video])).video?.rotation).toBe(180);
  });

  it('prefers the display matrix over a contradicting rotate tag', () => {
    const video = {
      codec_type: 'video',
      codec_name: 'h264',
      width: 1920,
      height: 1080,
      tags: { rotate: '180' },
      side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }],
    };
    expect(parseProbeOutput(output([video])).video?.rotation).toBe(90);
  });

  it('skips cover art (attached picture) and takes the real video stream', () => {
    const cover = {
      codec_type: 'video',
      codec_name: 'mjpeg',
      width: 600,
      height: 600,
      disposition: { attached_pic: 1 },
    };
    const video = {
      codec_type: 'video',
      codec_name: 'h264',
      width: 1080,
      height: 1920,
      disposition: { attached_pic: 0 },
    };
    expect(parseProbeOutput(output([cover, video])).video).toMatchObject({ codec: 'h264', width: 1080, height: 1920 });
  });

  it('reports no video for an audio-only file', () => {
    expect(parseProbeOutput(output([aac])).video).toBeNull();
  });

  it('reads a non-square pixel aspect ratio and treats 0:1 as square', () => {
    const anamorphic = {
      codec_type: 'video',
      codec_name: 'h264',
      width: 1440,
      height: 1080,
      sample_aspect_ratio: '4:3',
    };
    const unknown = { codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, sample_aspect_ratio: '0:1' };
    expect(parseProbeOutput(output([anamorphic])).video?.sampleAspectRatio).toBeCloseTo(4 / 3);
    expect(parseProbeOutput(output([unknown])).video?.sampleAspectRatio).toBe(1);
  });

  it('takes the duration of the video, not of a longer audio track', () => {
    const video = { codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, duration: '0.500000' };
    expect(parseProbeOutput(output([video, { ...aac, duration: '41.250000' }])).durationSeconds).toBe(0.5);
  });

  it('uses the video stream duration when the container has none, and null when neither has one', () => {
    const video = {
      codec_type: 'video',
      codec_name: 'h264',
      width: 1920,
      height: 1080,
      duration: '22.5',
      avg_frame_rate: '0/0',
      r_frame_rate: '25/1',
    };
    const info = parseProbeOutput(output([video], { format_name: 'mov,mp4,m4a,3gp,3g2,mj2' }));
    expect(info.durationSeconds).toBe(22.5);
    expect(info.video?.fps).toBe(25);
    expect(info.sizeBytes).toBeNull();
    const noDuration = { codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080 };
    expect(parseProbeOutput(output([noDuration], { format_name: 'mov' })).durationSeconds).toBeNull();
  });

  it('rejects output without a format section', () => {
    expect(() => parseProbeOutput('{}')).toThrow(TypeError);
    expect(() => parseProbeOutput('not json')).toThrow(SyntaxError);
  });
});

describe('normaliseRotation', () => {
  it.each([
    [0, 0],
    [90, 90],
    [-90, 270],
    [-270, 90],
    [180, 180],
    [-180, 180],
    [450, 90],
    [89.9, 90],
  ])('%d° → %d°', (degrees, expected) => {
    expect(normaliseRotation(degrees)).toBe(expected);
  });
});
