import type { Kysely } from 'kysely';
import type { Database } from '@anb/db';
import { waitFor } from './wait-for.ts';

/**
 * Resolves once the API's vote tally has moved every answered vote into the counters (the queue is empty),
 * so rankings and sorted listings show them; the tally runs every few hundred ms in each API process.
 */
export async function votesTallied(db: Kysely<Database>): Promise<void> {
  await waitFor(async () => {
    const queued = await db.selectFrom('uncounted_votes').select('id').limit(1).execute();
    return queued.length === 0 ? true : undefined;
  });
}
