import type { MediaInfo, VideoStreamInfo } from '../../src/media-info.ts';

/** A probed MP4 as ffprobe would describe a phone upload; override what the case is about. */
export function mediaInfo(video: Partial<VideoStreamInfo> | null, overrides: Partial<MediaInfo> = {}): MediaInfo {
  return {
    durationSeconds: 40,
    formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
    formatLongName: 'QuickTime / MOV',
    video:
      video === null
        ? null
        : {
            codec: 'h264',
            width: 1920,
            height: 1080,
            rotation: 0,
            sampleAspectRatio: 1,
            fps: 30,
            pixFmt: 'yuv420p',
            colorTransfer: 'bt709',
            ...video,
          },
    hasAudio: true,
    sizeBytes: 50_000_000,
    ...overrides,
  };
}
