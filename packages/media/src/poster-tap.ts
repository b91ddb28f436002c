import type { MediaInfo } from './media-info.ts';
import { showcaseFormat as format } from './showcase-format.ts';

/** The poster is the clip's frame about a second in (earlier for very short test clips). */
export function posterFrameIndex(clipSeconds: number): number {
  return Math.round(Math.min(1, clipSeconds / 2) * format.fps);
}

/** The poster's frame within the clip, from the upload's duration. */
export function posterFrame(info: MediaInfo): number {
  return posterFrameIndex(Math.min(info.durationSeconds ?? 0, format.maxClipSeconds));
}

/**
 * Filter graph part that passes `stream` on as `kept` and taps one of its frames as `poster`,
 * so the poster costs no second decode of the rendered video.
 */
export function posterTap(stream: string, kept: string, poster: string, frameIndex: number): string {
  return (
    `[${stream}]split=2[${kept}][${poster}_source];` +
    `[${poster}_source]trim=start_frame=${frameIndex}:end_frame=${frameIndex + 1}[${poster}]`
  );
}

/** Output options for the tapped frame: one JPEG, 1280x720 like the video. */
export function posterOutputArgs(poster: string, posterPath: string): string[] {
  return [
    ['-map', `[${poster}]`],
    ['-frames:v', '1'],
    ['-q:v', '3'],
    // A single image, not a numbered sequence.
    ['-update', '1'],
    posterPath,
  ].flat();
}
