import type { MediaInfo } from './media-info.ts';
import { showcaseFormat as format } from './showcase-format.ts';

export interface DurationRange {
  minSeconds: number;
  maxSeconds: number;
}

/** Everything that makes a rendered showcase differ from the spec; empty when it is right. */
export function findOutputProblems(output: MediaInfo, expected: DurationRange): string[] {
  const problems: string[] = [];
  const { video } = output;
  if (!video) return ['no video stream'];
  if (video.codec !== format.codec) problems.push(`codec ${video.codec}, expected ${format.codec}`);
  if (video.width !== format.width || video.height !== format.height) {
    problems.push(`size ${video.width}x${video.height}, expected ${format.width}x${format.height}`);
  }
  if (video.pixFmt !== format.pixFmt) problems.push(`pixel format ${video.pixFmt}, expected ${format.pixFmt}`);
  if (output.hasAudio) problems.push('has an audio stream');
  const duration = output.durationSeconds ?? 0;
  if (duration < expected.minSeconds || duration > expected.maxSeconds) {
    problems.push(`duration ${duration} s, expected ${expected.minSeconds}–${expected.maxSeconds} s`);
  }
  return problems;
}
