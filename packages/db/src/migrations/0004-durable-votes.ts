import { sql, type Kysely } from 'kysely';

/**
 * Votes that last and a ranking of people (ADR 26): a vote commits synchronously and touches no shared
 * row; `uncounted_votes` queues it for the tally that moves the counters off the request path, and
 * `player_voters` lets a player's ranking count each voter once, however many of their videos they voted for.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table player_voters (
      player_id uuid not null references users (id) on delete cascade,
      voter_id uuid not null references users (id) on delete cascade,
      primary key (player_id, voter_id)
    );
    insert into player_voters (player_id, voter_id)
      select distinct videos.owner_id, votes.user_id from votes join videos on videos.id = votes.video_id;

    -- The ranking counts voters from now on, no longer votes.
    update users set votes_received = coalesce(
      (select count(*) from player_voters where player_voters.player_id = users.id), 0);

    create table uncounted_votes (
      id bigint generated always as identity primary key,
      video_id uuid not null references videos (id) on delete cascade,
      player_id uuid not null references users (id) on delete cascade,
      first_for_player boolean not null
    );
    create index uncounted_votes_video_idx on uncounted_votes (video_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table uncounted_votes, player_voters;
    update users set votes_received = coalesce((
      select count(*) from votes join videos on videos.id = votes.video_id where videos.owner_id = users.id), 0);
  `.execute(db);
}
