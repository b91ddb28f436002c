import type { RenderProgress } from '@anb/core';
import type { ShowcaseProgress, ShowcaseStage } from '@anb/media';

/**
 * The part of the whole render each stage covers. The clip encode is nearly all the work; the join is a
 * stream copy. The one-pass fallback re-encodes after the clip, so it only fills the last stretch:
 * progress must never go back.
 */
const stageSpans: Record<ShowcaseStage, readonly [from: number, to: number]> = {
  probe: [0, 0],
  bumpers: [0, 0],
  waiting: [0, 0],
  clip: [0, 0.9],
  verify: [0.9, 0.9],
  join: [0.9, 1],
  'one-pass': [0.9, 1],
};

/** Turns the media pipeline's per-stage reports into one fraction of the whole render that never decreases. */
export function overallProgress(report: RenderProgress): (progress: ShowcaseProgress) => void {
  let highest = 0;
  return ({ stage, ratio }) => {
    const [from, to] = stageSpans[stage];
    const overall = from + (to - from) * (ratio ?? 0);
    if (overall <= highest) return;
    highest = overall;
    report(overall);
  };
}
