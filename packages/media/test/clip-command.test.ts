import { describe, expect, it } from 'vitest';
import { buildClipCommand } from '../src/clip-command.ts';
import type { EncodeSettings } from '../src/settings.ts';
import { mediaInfo } from './support/media-info.ts';

const settings: EncodeSettings = { preset: 'veryfast', crf: 23, threads: 0 };
const paths = { inputPath: '/scratch/in.mp4', logoPath: '/assets/anb-logo.png', outputPath: '/scratch/clip.mp4' };

// prettier-ignore
const encoderArgs = [
  '-c:v', 'libx264',
  '-preset', 'veryfast',
  '-crf', '23',
  '-profile:v', 'high',
  '-level:v', '4.0',
  '-x264-params', 'stitchable=1',
  '-g', '60',
  '-sc_threshold', '0',
  '-pix_fmt', 'yuv420p',
  '-colorspace', 'bt709',
  '-color_primaries', 'bt709',
  '-color_trc', 'bt709',
  '-color_range', 'tv',
  '-threads', '0',
  '-video_track_timescale', '15360',
  '-an',
  '-map_metadata', '-1',
  '-movflags', '+faststart',
];

function expectedClip(filter: string): string[] {
  // prettier-ignore
  return [
    '-autorotate', '1',
    '-t', '30',
    '-i', '/scratch/in.mp4',
    '-i', '/assets/anb-logo.png',
    '-filter_complex', filter,
    '-map', '[showcase]',
    ...encoderArgs,
    '/scratch/clip.mp4',
  ];
}

const landscapeFilter =
  '[0:v:0]fps=30,scale=1280:720:out_range=tv,setsar=1,pad=1280:720:0:0:color=black[showcase_base];' +
  '[1:v]format=rgba,colorchannelmixer=aa=0.6,scale=194:-2:out_color_matrix=bt709:out_range=tv,format=yuva420p[showcase_mark];' +
  '[showcase_base][showcase_mark]overlay=x=1258-overlay_w:y=698-overlay_h,format=yuv420p[showcase]';

// 1080x1920 shown upright: 406x720 centred at x=436, with a smaller mark inside the picture's corner.
const portraitFilter =
  '[0:v:0]fps=30,scale=406:720:out_range=tv,setsar=1,pad=1280:720:436:0:color=black[showcase_base];' +
  '[1:v]format=rgba,colorchannelmixer=aa=0.6,scale=110:-2:out_color_matrix=bt709:out_range=tv,format=yuva420p[showcase_mark];' +
  '[showcase_base][showcase_mark]overlay=x=830-overlay_w:y=708-overlay_h,format=yuv420p[showcase]';

describe('buildClipCommand', () => {
  it('landscape 1920x1080: scaled to 1280x720 with no bars, mark in the bottom-right corner', () => {
    expect(buildClipCommand(mediaInfo({ width: 1920, height: 1080 }), settings, paths)).toEqual(
      expectedClip(landscapeFilter),
    );
  });

  it('portrait 1080x1920: pillarboxed 406x720 in the middle', () => {
    expect(buildClipCommand(mediaInfo({ width: 1080, height: 1920 }), settings, paths)).toEqual(
      expectedClip(portraitFilter),
    );
  });

  it.each([90, 270] as const)('stored 1920x1080 rotated %d°: fitted as the portrait it is shown as', (rotation) => {
    expect(buildClipCommand(mediaInfo({ width: 1920, height: 1080, rotation }), settings, paths)).toEqual(
      expectedClip(portraitFilter),
    );
  });

  it('stored 1920x1080 rotated 180°: stays landscape', () => {
    expect(buildClipCommand(mediaInfo({ width: 1920, height: 1080, rotation: 180 }), settings, paths)).toEqual(
      expectedClip(landscapeFilter),
    );
  });

  it('an input without audio gets the same silent command', () => {
    expect(buildClipCommand(mediaInfo({}, { hasAudio: false }), settings, paths)).toEqual(
      expectedClip(landscapeFilter),
    );
  });

  it.each([20, 60])('a %d s input is still read for at most 30 s (-t before -i)', (durationSeconds) => {
    const args = buildClipCommand(mediaInfo({}, { durationSeconds }), settings, paths);
    expect(args).toEqual(expectedClip(landscapeFilter));
    expect(args.indexOf('-t')).toBeLessThan(args.indexOf('-i'));
  });

  it('odd portrait 1081x1921: even picture size and even offset', () => {
    expect(buildClipCommand(mediaInfo({ width: 1081, height: 1921 }), settings, paths)).toEqual(
      expectedClip(portraitFilter),
    );
  });

  it('odd wide 2000x1083: letterboxed 1280x694 at y=12', () => {
    expect(buildClipCommand(mediaInfo({ width: 2000, height: 1083 }), settings, paths)).toEqual(
      expectedClip(
        '[0:v:0]fps=30,scale=1280:694:out_range=tv,setsar=1,pad=1280:720:0:12:color=black[showcase_base];' +
          '[1:v]format=rgba,colorchannelmixer=aa=0.6,scale=188:-2:out_color_matrix=bt709:out_range=tv,format=yuva420p[showcase_mark];' +
          '[showcase_base][showcase_mark]overlay=x=1259-overlay_w:y=685-overlay_h,format=yuv420p[showcase]',
      ),
    );
  });

  it('anamorphic 1440x1080 with 4:3 pixels: fitted by its display size 1920x1080', () => {
    expect(
      buildClipCommand(mediaInfo({ width: 1440, height: 1080, sampleAspectRatio: 4 / 3 }), settings, paths),
    ).toEqual(expectedClip(landscapeFilter));
  });

  it('passes preset, CRF and threads through to x264', () => {
    const args = buildClipCommand(mediaInfo({}), { preset: 'faster', crf: 26, threads: 2 }, paths);
    expect(args.slice(args.indexOf('-preset'), args.indexOf('-preset') + 4)).toEqual([
      '-preset',
      'faster',
      '-crf',
      '26',
    ]);
    expect(args[args.indexOf('-threads') + 1]).toBe('2');
  });

  it('writes a clip the join copies from without the faststart pass, and nothing else differs', () => {
    const standalone = buildClipCommand(mediaInfo({}), settings, paths);
    const intermediate = buildClipCommand(mediaInfo({}), settings, paths, { intermediate: true });
    const at = standalone.indexOf('-movflags');
    expect(intermediate).toEqual([...standalone.slice(0, at), ...standalone.slice(at + 2)]);
  });

  it("skips the upload's deblocking when asked, as an input option of the upload only", () => {
    const args = buildClipCommand(mediaInfo({}), { ...settings, skipInputDeblocking: true }, paths);
    expect(args.slice(0, 2)).toEqual(['-skip_loop_filter', 'all']);
    expect(args.slice(2)).toEqual(expectedClip(landscapeFilter));
  });

  it.each(['smpte2084', 'arib-std-b67'])(
    'HDR (%s): tone-mapped to BT.709 after the downscale, the rest of the graph unchanged',
    (colorTransfer) => {
      const hdrFit =
        'scale=1280:720,zscale=t=linear:npl=203,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=mobius:desat=0,' +
        'zscale=t=bt709:m=bt709:r=tv,format=yuv420p';
      expect(buildClipCommand(mediaInfo({ colorTransfer, pixFmt: 'yuv420p10le' }), settings, paths)).toEqual(
        expectedClip(landscapeFilter.replace('scale=1280:720:out_range=tv', hdrFit)),
      );
    },
  );

  it('an untagged upload is treated as SDR', () => {
    expect(buildClipCommand(mediaInfo({ colorTransfer: null }), settings, paths)).toEqual(
      expectedClip(landscapeFilter),
    );
  });

  it('refuses an input without video', () => {
    expect(() => buildClipCommand(mediaInfo(null), settings, paths)).toThrow(TypeError);
  });
});
