import { checkVideo, type VideoInspection, type VideoRules } from '@anb/core';
import { InvalidInputError } from './errors.ts';
import type { MediaInfo, VideoStreamInfo } from './media-info.ts';
import { displaySize } from './media-info.ts';

/**
 * Checks a probed upload against the contest rules (core's, the same the API applied on upload);
 * throws InvalidInputError with the refusal the player would have read from the API.
 */
export function validateInput(info: MediaInfo, rules: VideoRules): VideoStreamInfo {
  const refusal = checkVideo(inspectionOf(info), rules);
  if (refusal) throw new InvalidInputError(refusal.code, refusal.detail);
  return info.video as VideoStreamInfo;
}

/** What ffprobe read, in the terms of core's rules: the picture as the viewer sees it (rotated, square pixels). */
function inspectionOf(info: MediaInfo): VideoInspection {
  if (!info.formatName.split(',').some((name) => name === 'mp4' || name === 'mov')) return { kind: 'not_mp4' };
  const { video } = info;
  if (!video || video.width <= 0 || video.height <= 0) return { kind: 'no_picture' };
  if (info.durationSeconds === null) return { kind: 'unreadable', reason: 'ffprobe reports no duration' };
  const shown = displaySize(video);
  return {
    kind: 'video',
    durationSeconds: info.durationSeconds,
    width: Math.round(shown.width),
    height: Math.round(shown.height),
  };
}
