import { fitIntoFrame } from './frame-fit.ts';
import type { VideoStreamInfo } from './media-info.ts';
import { displaySize, isHdr } from './media-info.ts';
import { showcaseFormat as format } from './showcase-format.ts';

/** The logo is RGB: convert it with BT.709 limited range, the colours the encoder tags, so clip and bumpers agree. */
const toBt709 = 'out_color_matrix=bt709:out_range=tv';

/**
 * HDR (PQ or HLG, BT.2020) to SDR BT.709, applied after the downscale so it runs on 720p: linear light with
 * the BT.2408 reference white (203 nits) as 1.0, BT.709 primaries, mobius keeps everything below the
 * highlights as it is (greys and skin stay where the camera put them) and rolls the highlights off.
 */
const hdrToSdr =
  'zscale=t=linear:npl=203,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=mobius:desat=0,' +
  `zscale=t=bt709:m=bt709:r=tv,format=${format.pixFmt}`;

/**
 * The clip's filter graph: constant 30 fps, fitted into 1280x720 on black, square pixels, and the logo
 * semi-transparent in the bottom-right corner of the picture itself (not of the black bars).
 * Rotation is applied by ffmpeg's input autorotation, so the fit uses the display size.
 */
export function clipFilter(video: VideoStreamInfo, videoIn: string, logoIn: string, out: string): string {
  const frame = { width: format.width, height: format.height };
  const picture = fitIntoFrame(displaySize(video), frame);
  const shortSide = Math.min(picture.width, picture.height);
  const markWidth = Math.round((shortSide * format.watermarkWidthRatio) / 2) * 2;
  const margin = Math.round(shortSide * format.watermarkMarginRatio);
  const markRight = picture.x + picture.width - margin;
  const markBottom = picture.y + picture.height - margin;
  // SDR: only the range is normalised; a YUV matrix change doubles the filter cost, and ≥1080p SDR uploads are BT.709.
  const fit = isHdr(video)
    ? `scale=${picture.width}:${picture.height},${hdrToSdr}`
    : `scale=${picture.width}:${picture.height}:out_range=tv`;
  return [
    `[${videoIn}]fps=${format.fps},${fit},setsar=1,` +
      `pad=${format.width}:${format.height}:${picture.x}:${picture.y}:color=black[${out}_base]`,
    `[${logoIn}]format=rgba,colorchannelmixer=aa=${format.watermarkOpacity},` +
      `scale=${markWidth}:-2:${toBt709},format=yuva420p[${out}_mark]`,
    `[${out}_base][${out}_mark]overlay=x=${markRight}-overlay_w:y=${markBottom}-overlay_h,format=${format.pixFmt}[${out}]`,
  ].join(';');
}

export type BumperKind = 'opening' | 'closing';

/** A bumper: the logo centred on black; the opening fades in from black, the closing fades out to black. */
export function bumperFilter(kind: BumperKind, logoIn: string, out: string): string {
  const fade =
    kind === 'opening'
      ? `fade=t=in:st=0:d=${format.fadeSeconds}`
      : `fade=t=out:st=${format.bumperSeconds - format.fadeSeconds}:d=${format.fadeSeconds}`;
  const background = `color=c=black:s=${format.width}x${format.height}:r=${format.fps}:d=${format.bumperSeconds}`;
  return [
    `${background},format=${format.pixFmt}[${out}_bg]`,
    `[${logoIn}]format=rgba,scale=${format.bumperLogoWidth}:-2:${toBt709},format=yuva420p[${out}_logo]`,
    `[${out}_bg][${out}_logo]overlay=x=(main_w-overlay_w)/2:y=(main_h-overlay_h)/2,${fade},setsar=1,` +
      `format=${format.pixFmt}[${out}]`,
  ].join(';');
}
