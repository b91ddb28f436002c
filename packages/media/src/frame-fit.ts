import type { FrameSize } from './media-info.ts';

/** Where a picture lands inside the output frame: its scaled size and its top-left corner. */
export interface Placement {
  width: number;
  height: number;
  x: number;
  y: number;
}

/** Scales to fit without stretching and centres the result; everything even because yuv420p halves chroma. */
export function fitIntoFrame(source: FrameSize, frame: FrameSize): Placement {
  const wider = source.width * frame.height >= frame.width * source.height;
  const width = wider ? frame.width : Math.min(frame.width, roundEven((frame.height * source.width) / source.height));
  const height = wider ? Math.min(frame.height, roundEven((frame.width * source.height) / source.width)) : frame.height;
  return { width, height, x: floorEven((frame.width - width) / 2), y: floorEven((frame.height - height) / 2) };
}

function roundEven(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}

function floorEven(value: number): number {
  return Math.floor(value / 2) * 2;
}
