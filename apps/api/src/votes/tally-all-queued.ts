import type { VoteTally } from '@anb/core';

/** Votes per transaction: bounds how long one tally holds the counter rows it updates. */
export const TALLY_BATCH = 2000;

/** Tallies batch after batch until the queue is empty (or another process holds the tally); says how many it moved. */
export async function tallyAllQueued(tally: VoteTally): Promise<number> {
  let moved = 0;
  let batch: number;
  do {
    batch = await tally.tallyQueued(TALLY_BATCH);
    moved += batch;
  } while (batch === TALLY_BATCH); // A full batch: more may be waiting.
  return moved;
}
