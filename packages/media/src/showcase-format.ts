/** What every showcase video is (spec: processing.md). Clip and bumpers share it so they can be joined by stream copy. */
export const showcaseFormat = {
  width: 1280,
  height: 720,
  fps: 30,
  pixFmt: 'yuv420p',
  codec: 'h264',
  profile: 'high',
  level: '4.0',
  /** A keyframe every 2 s, never on scene cuts, so every clip and bumper has the same GOP structure. */
  gopFrames: 60,
  /** What the MP4 muxer would pick for 30 fps anyway; fixed so joined parts share one timebase. */
  trackTimescale: 15360,
  maxClipSeconds: 30,
  bumperSeconds: 2.5,
  watermarkOpacity: 0.6,
  /** Watermark width and margin as fractions of the picture's short side, so portrait clips get a smaller mark. */
  watermarkWidthRatio: 0.27,
  watermarkMarginRatio: 0.03,
  /** The logo's width inside a bumper. */
  bumperLogoWidth: 640,
  fadeSeconds: 0.5,
} as const;
