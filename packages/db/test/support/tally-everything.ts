import type { Kysely } from 'kysely';
import type { Database } from '../../src/database.ts';
import { PostgresVoteTally } from '../../src/repositories/vote-tally.repository.ts';

/** Runs tally rounds until no vote is queued, so the counters can be compared with the rows. */
export async function tallyEverything(db: Kysely<Database>): Promise<void> {
  const tally = new PostgresVoteTally(db);
  while ((await tally.tallyQueued(1000)) > 0) {
    // until the queue is empty
  }
}
