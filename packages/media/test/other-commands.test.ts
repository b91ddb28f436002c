import { describe, expect, it } from 'vitest';
import { buildBumperCommand } from '../src/bumper-command.ts';
import { buildClipCommand } from '../src/clip-command.ts';
import { buildConcatList, buildJoinCommand } from '../src/join-command.ts';
import { buildOnePassCommand } from '../src/one-pass-command.ts';
import { posterFrameIndex } from '../src/poster-tap.ts';
import type { EncodeSettings } from '../src/settings.ts';
import { mediaInfo } from './support/media-info.ts';

const settings: EncodeSettings = { preset: 'faster', crf: 21, threads: 0 };

// prettier-ignore
const encoderArgs = [
  '-c:v', 'libx264', '-preset', 'faster', '-crf', '21', '-profile:v', 'high', '-level:v', '4.0',
  '-x264-params', 'stitchable=1', '-g', '60', '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
  '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
  '-threads', '0', '-video_track_timescale', '15360', '-an', '-map_metadata', '-1', '-movflags', '+faststart',
];

const bumperBackground =
  'color=c=black:s=1280x720:r=30:d=2.5,format=yuv420p[showcase_bg];' +
  '[0:v]format=rgba,scale=640:-2:out_color_matrix=bt709:out_range=tv,format=yuva420p[showcase_logo];' +
  '[showcase_bg][showcase_logo]overlay=x=(main_w-overlay_w)/2:y=(main_h-overlay_h)/2,';

describe('buildBumperCommand', () => {
  const paths = { logoPath: '/assets/anb-logo.png', outputPath: '/cache/opening.mp4' };

  it('opening: 2.5 s of the logo on black fading in', () => {
    // prettier-ignore
    expect(buildBumperCommand('opening', settings, paths)).toEqual([
      '-i', '/assets/anb-logo.png',
      '-filter_complex', `${bumperBackground}fade=t=in:st=0:d=0.5,setsar=1,format=yuv420p[showcase]`,
      '-map', '[showcase]',
      ...encoderArgs,
      '/cache/opening.mp4',
    ]);
  });

  it('closing: 2.5 s of the logo on black fading out over the last half second', () => {
    // prettier-ignore
    expect(buildBumperCommand('closing', settings, paths)).toEqual([
      '-i', '/assets/anb-logo.png',
      '-filter_complex', `${bumperBackground}fade=t=out:st=2:d=0.5,setsar=1,format=yuv420p[showcase]`,
      '-map', '[showcase]',
      ...encoderArgs,
      '/cache/opening.mp4',
    ]);
  });

  it('encodes with exactly the options of the clip, so the two can be joined by stream copy', () => {
    const bumper = buildBumperCommand('opening', settings, paths);
    const clip = buildClipCommand(mediaInfo({}), settings, { inputPath: 'i', logoPath: 'l', outputPath: 'o' });
    const encoderPart = (args: string[]) => args.slice(args.indexOf('-c:v'), -1);
    expect(encoderPart(bumper)).toEqual(encoderPart(clip));
  });
});

describe('buildConcatList / buildJoinCommand', () => {
  it('lists the parts in order in ffconcat syntax', () => {
    expect(buildConcatList(['/cache/opening.mp4', '/scratch/clip.mp4', '/cache/closing.mp4'])).toBe(
      "ffconcat version 1.0\nfile '/cache/opening.mp4'\nfile '/scratch/clip.mp4'\nfile '/cache/closing.mp4'\n",
    );
  });

  it("escapes single quotes in paths as '\\''", () => {
    expect(buildConcatList(["/scratch/it's.mp4"])).toBe("ffconcat version 1.0\nfile '/scratch/it'\\''s.mp4'\n");
  });

  it('joins by stream copy, video only, with faststart', () => {
    // prettier-ignore
    expect(buildJoinCommand('/scratch/parts.ffconcat', '/out/showcase.mp4')).toEqual([
      '-f', 'concat', '-safe', '0', '-i', '/scratch/parts.ffconcat',
      '-map', '0:v:0', '-c', 'copy', '-an', '-map_metadata', '-1', '-movflags', '+faststart',
      '/out/showcase.mp4',
    ]);
  });
});

describe('buildOnePassCommand', () => {
  it('renders opening, clip and closing in one graph from one logo input', () => {
    const paths = { inputPath: '/scratch/in.mp4', logoPath: '/assets/anb-logo.png', outputPath: '/out/showcase.mp4' };
    const bumper = (label: string, fade: string) =>
      `color=c=black:s=1280x720:r=30:d=2.5,format=yuv420p[${label}_bg];` +
      `[logo_${label}]format=rgba,scale=640:-2:out_color_matrix=bt709:out_range=tv,format=yuva420p[${label}_logo];` +
      `[${label}_bg][${label}_logo]overlay=x=(main_w-overlay_w)/2:y=(main_h-overlay_h)/2,${fade},setsar=1,format=yuv420p[${label}]`;
    const graph = [
      '[1:v]split=3[logo_mark][logo_opening][logo_closing]',
      '[0:v:0]fps=30,scale=406:720:out_range=tv,setsar=1,pad=1280:720:436:0:color=black[clip_base];' +
        '[logo_mark]format=rgba,colorchannelmixer=aa=0.6,scale=110:-2:out_color_matrix=bt709:out_range=tv,format=yuva420p[clip_mark];' +
        '[clip_base][clip_mark]overlay=x=830-overlay_w:y=708-overlay_h,format=yuv420p[clip]',
      bumper('opening', 'fade=t=in:st=0:d=0.5'),
      bumper('closing', 'fade=t=out:st=2:d=0.5'),
      '[opening][clip][closing]concat=n=3:v=1:a=0[showcase]',
    ].join(';');
    // prettier-ignore
    expect(buildOnePassCommand(mediaInfo({ width: 1080, height: 1920 }), settings, paths)).toEqual([
      '-autorotate', '1', '-t', '30', '-i', '/scratch/in.mp4',
      '-i', '/assets/anb-logo.png',
      '-filter_complex', graph,
      '-map', '[showcase]',
      ...encoderArgs,
      '/out/showcase.mp4',
    ]);
  });
});

describe('the poster tapped from the render', () => {
  const paths = {
    inputPath: '/scratch/in.mp4',
    logoPath: '/assets/anb-logo.png',
    outputPath: '/out/showcase.mp4',
    posterPath: '/out/poster.jpg',
  };
  // prettier-ignore
  const posterOutput = ['-map', '[poster]', '-frames:v', '1', '-q:v', '3', '-update', '1', '/out/poster.jpg'];

  it('is frame 30 of the clip (1 s in), earlier for clips under 2 s', () => {
    expect(posterFrameIndex(30)).toBe(30);
    expect(posterFrameIndex(20)).toBe(30);
    expect(posterFrameIndex(1)).toBe(15);
  });

  it('the clip pass splits one frame off its output and writes it as a second, JPEG output', () => {
    const args = buildClipCommand(mediaInfo({}, { durationSeconds: 40 }), settings, paths);
    const graph = args[args.indexOf('-filter_complex') + 1]!;
    expect(graph).toMatch(/,format=yuv420p\[clip\];\[clip\]split=2\[showcase\]\[poster_source\];/);
    expect(graph.endsWith('[poster_source]trim=start_frame=30:end_frame=31[poster]')).toBe(true);
    expect(args.slice(args.indexOf('/out/showcase.mp4') + 1)).toEqual(posterOutput);
  });

  it('the one-pass fallback taps the same clip frame before the bumpers are concatenated', () => {
    const args = buildOnePassCommand(mediaInfo({}, { durationSeconds: 40 }), settings, paths);
    const graph = args[args.indexOf('-filter_complex') + 1]!;
    expect(graph).toContain(
      '[clip]split=2[clip_kept][poster_source];[poster_source]trim=start_frame=30:end_frame=31[poster]',
    );
    expect(graph).toContain('[opening][clip_kept][closing]concat=n=3:v=1:a=0[showcase]');
    expect(args.slice(args.indexOf('/out/showcase.mp4') + 1)).toEqual(posterOutput);
  });
});
