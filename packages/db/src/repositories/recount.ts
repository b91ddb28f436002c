import { sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';

/*
 * Recounts from the rows, for moderation, inside a transaction that holds the tally's lock (ADR 28). Votes keep
 * arriving meanwhile; each is in `votes` and queued in `uncounted_votes` by one commit. Pairs in `player_voters`
 * may be written ahead of the tally (its insert then does nothing), so they are rebuilt from every vote; a
 * video's counter holds only tallied votes, so its recount leaves out, in the same statement and hence the same
 * snapshot, the queued votes the tally will add.
 */

/** A player's voters and ranking count, after one of their videos was hidden or restored. */
export async function recountPlayer(trx: Transaction<Database>, playerId: string): Promise<void> {
  await trx.deleteFrom('player_voters').where('player_id', '=', playerId).execute();
  await addCountedPairs(trx, sql`videos.owner_id = ${playerId}`);
  await setVotesReceived(trx, sql`users.id = ${playerId}`);
}

/** Everything one voter's votes touch, after their votes were voided or counted again. */
export async function recountVoter(trx: Transaction<Database>, voterId: string): Promise<void> {
  await trx.deleteFrom('player_voters').where('voter_id', '=', voterId).execute();
  await addCountedPairs(trx, sql`votes.user_id = ${voterId}`);
  const votedVideos = sql`select video_id from votes where user_id = ${voterId}`;
  await setVotesReceived(
    trx,
    sql`users.id in (select videos.owner_id from videos where videos.id in (${votedVideos}))`,
  );
  await sql`
    update videos set votes =
      (select count(*) from votes join users voter on voter.id = votes.user_id
        where votes.video_id = videos.id and not voter.votes_voided)
      - (select count(*) from uncounted_votes join users voter on voter.id = uncounted_votes.voter_id
        where uncounted_votes.video_id = videos.id and not voter.votes_voided)
    where videos.id in (${votedVideos})
  `.execute(trx);
}

/** The (player, voter) pairs of the counted votes on visible videos among the votes `which` selects. */
async function addCountedPairs(trx: Transaction<Database>, which: ReturnType<typeof sql>): Promise<void> {
  await sql`
    insert into player_voters (player_id, voter_id)
    select distinct videos.owner_id, votes.user_id
    from votes
    join videos on videos.id = votes.video_id
    join users voter on voter.id = votes.user_id
    where ${which} and videos.status = 'processed' and not voter.votes_voided
    on conflict do nothing
  `.execute(trx);
}

async function setVotesReceived(trx: Transaction<Database>, which: ReturnType<typeof sql>): Promise<void> {
  await sql`
    update users set votes_received = (select count(*) from player_voters where player_voters.player_id = users.id)
    where ${which}
  `.execute(trx);
}
