import type { VoteTally } from '@anb/core';

/** Votes per transaction: bounds how long one tally holds the counter rows it updates. */
export const TALLY_BATCH = 2000;

/** Tallies batch after batch until the queue is empty (or another process holds the tally). */
export async function tallyAllQueued(tally: VoteTally): Promise<void> {
  while ((await tally.tallyQueued(TALLY_BATCH)) === TALLY_BATCH) {
    // A full batch: more may be waiting.
  }
}
