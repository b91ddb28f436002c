import type { VideoMetadata } from './video-rules.ts';

export type ReadVideoMetadata = (file: File) => Promise<VideoMetadata | undefined>;

const READ_TIMEOUT_MS = 15_000;

/**
 * Duration and size as the browser's own decoder reads them, before any byte is sent.
 * Undefined when this browser cannot read the file (e.g. a codec it lacks): the API decides then.
 */
export const readVideoMetadata: ReadVideoMetadata = (file) =>
  new Promise((resolve) => {
    const video = document.createElement('video');
    const url = URL.createObjectURL(file);
    const finish = (metadata: VideoMetadata | undefined) => {
      clearTimeout(timer);
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(url);
      resolve(metadata);
    };
    const timer = setTimeout(() => finish(undefined), READ_TIMEOUT_MS);
    video.preload = 'metadata';
    video.muted = true;
    video.onloadedmetadata = () => {
      const readable = Number.isFinite(video.duration) && video.videoWidth > 0;
      finish(
        readable ? { durationSeconds: video.duration, width: video.videoWidth, height: video.videoHeight } : undefined,
      );
    };
    video.onerror = () => finish(undefined);
    video.src = url;
  });
