import { sql, type Kysely } from 'kysely';
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

/**
 * Every counter the tally and moderation keep that differs from a count of the rows by the contest's rule
 * (ADR 28): a vote counts unless its voter's votes are voided; a player counts each such voter of their visible
 * videos once. Empty when all agree. Call it once the queue is empty (`votesTallied`).
 */
export async function countersUnlikeRows(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ mismatch: string }>`
    with counted as (
      select votes.video_id, votes.user_id, videos.owner_id, videos.status
      from votes
      join videos on videos.id = votes.video_id
      join users voter on voter.id = votes.user_id and not voter.votes_voided
    ), expected_voters as (
      select distinct owner_id as player_id, user_id as voter_id from counted where status = 'processed'
    )
    select 'video ' || videos.id || ': counter ' || videos.votes || ', rows ' || count(counted.user_id) as mismatch
    from videos left join counted on counted.video_id = videos.id
    group by videos.id having videos.votes <> count(counted.user_id)
    union all
    select 'player ' || users.id || ': counter ' || users.votes_received || ', voters ' || count(expected_voters.voter_id)
    from users left join expected_voters on expected_voters.player_id = users.id
    group by users.id having users.votes_received <> count(expected_voters.voter_id)
    union all
    select 'pair ' || coalesce(e.player_id, p.player_id) || '/' || coalesce(e.voter_id, p.voter_id)
      || case when p.player_id is null then ' missing' else ' not due' end
    from expected_voters e full join player_voters p on p.player_id = e.player_id and p.voter_id = e.voter_id
    where e.player_id is null or p.player_id is null
  `.execute(db);
  return rows.map((row) => row.mismatch);
}
