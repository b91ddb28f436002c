/** Clockwise degrees a player turns the stored picture to show it upright. */
export type Rotation = 0 | 90 | 180 | 270;

export interface VideoStreamInfo {
  codec: string;
  /** Stored (coded) size, before rotation. */
  width: number;
  height: number;
  rotation: Rotation;
  /** Pixel aspect ratio; 1 for square pixels or when the file does not say. */
  sampleAspectRatio: number;
  fps: number | null;
  pixFmt: string | null;
  /** ffprobe's `color_transfer`, e.g. "bt709", "smpte2084" (HDR10), "arib-std-b67" (HLG); null when untagged. */
  colorTransfer: string | null;
}

export interface MediaInfo {
  /** The video stream's duration, else the container's. */
  durationSeconds: number | null;
  /** ffprobe's short demuxer names, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  formatName: string;
  formatLongName: string;
  video: VideoStreamInfo | null;
  hasAudio: boolean;
  sizeBytes: number | null;
}

export interface FrameSize {
  width: number;
  height: number;
}

/** HDR transfers (PQ and HLG): shown as BT.709 without tone mapping they look grey and flat. */
export function isHdr(video: VideoStreamInfo): boolean {
  return video.colorTransfer === 'smpte2084' || video.colorTransfer === 'arib-std-b67';
}

/** The size the viewer sees: rotation applied and pixels made square. */
export function displaySize(video: VideoStreamInfo): FrameSize {
  const squareWidth = video.width * video.sampleAspectRatio;
  const quarterTurn = video.rotation === 90 || video.rotation === 270;
  return quarterTurn ? { width: video.height, height: squareWidth } : { width: squareWidth, height: video.height };
}
