import { sql, type Kysely } from 'kysely';

/**
 * The organiser runs the contest (docs/organiser-guide.md): roles, one contest calendar, reports and hidden videos,
 * suspended accounts whose votes may be voided, and an append-only audit log.
 *
 * A vote counts when its voter's votes are not voided; a player's ranking counts the voters of their visible
 * (processed) videos. Whether a queued vote counts is now decided by the tally when it takes it, under the lock
 * moderation also takes (ADR 28): the queue keeps the voter instead of a flag decided at vote time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Settle the queue by the old rule before its shape changes.
    with taken as (
      delete from uncounted_votes returning video_id, player_id, first_for_player
    ), per_video as (
      select video_id, count(*)::int as votes from taken group by video_id
    ), per_player as (
      select player_id, count(*) filter (where first_for_player)::int as voters from taken group by player_id
    ), videos_counted as (
      update videos set votes = videos.votes + per_video.votes from per_video where videos.id = per_video.video_id
    )
    update users set votes_received = users.votes_received + per_player.voters
      from per_player where users.id = per_player.player_id;
    alter table uncounted_votes
      drop column player_id,
      drop column first_for_player,
      add column voter_id uuid not null references users (id) on delete cascade;

    alter table users
      add column role text not null default 'player' check (role in ('player', 'organiser')),
      add column signup_network cidr,
      add column suspended_at timestamptz,
      add column suspension_reason text,
      add column votes_voided boolean not null default false;

    alter table videos drop constraint videos_status_check;
    alter table videos add constraint videos_status_check
      check (status in ('uploaded', 'processing', 'processed', 'failed', 'hidden'));
    alter table videos add column hidden_at timestamptz, add column hidden_reason text;

    create table video_reports (
      id uuid primary key,
      video_id uuid not null references videos (id) on delete cascade,
      reporter_id uuid not null references users (id) on delete cascade,
      reason text not null
        check (reason in ('inappropriate', 'not_basketball', 'not_own_content', 'spam', 'other')),
      details text,
      created_at timestamptz not null default now(),
      handled_at timestamptz,
      unique (video_id, reporter_id)
    );
    create index video_reports_open_idx on video_reports (video_id) where handled_at is null;

    -- One row: the contest this deployment runs.
    create table contest (
      id boolean primary key default true check (id),
      name text not null,
      rules text not null,
      selected_per_city integer not null check (selected_per_city > 0),
      uploads_close_at timestamptz,
      voting_closes_at timestamptz,
      updated_at timestamptz not null default now()
    );
    insert into contest (name, rules, selected_per_city) values (
      'ANB Rising Stars Showcase',
      'Sube un video de tus habilidades con el balón; se publica tras procesarlo. Cada persona vota una vez '
        || 'por video, y el ranking de cada ciudad cuenta una vez a cada votante por jugador.',
      3
    );

    -- Who did what, on what and why; rows are only ever added (the trigger refuses the rest).
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_id uuid,
      actor_email text,
      action text not null,
      target_type text not null check (target_type in ('video', 'user', 'contest')),
      target_id text,
      reason text,
      details jsonb not null default '{}'
    );
    create index audit_log_newest_idx on audit_log (at desc, id desc);
    create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'the audit log is append-only'; end;
    $$;
    create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function audit_log_append_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Back to the old rule: every vote counts; the counters are rebuilt from the rows.
    delete from uncounted_votes;
    alter table uncounted_votes
      drop column voter_id,
      add column player_id uuid not null references users (id) on delete cascade,
      add column first_for_player boolean not null;
    delete from player_voters;
    insert into player_voters (player_id, voter_id)
      select distinct videos.owner_id, votes.user_id from votes join videos on videos.id = votes.video_id;
    update videos set votes = (select count(*) from votes where votes.video_id = videos.id);
    update users set votes_received = (select count(*) from player_voters where player_id = users.id);
    drop table audit_log, contest, video_reports;
    drop function audit_log_append_only;
    update videos set status = 'processed' where status = 'hidden';
    alter table videos drop column hidden_at, drop column hidden_reason, drop constraint videos_status_check;
    alter table videos add constraint videos_status_check
      check (status in ('uploaded', 'processing', 'processed', 'failed'));
    alter table users drop column role, drop column signup_network, drop column suspended_at,
      drop column suspension_reason, drop column votes_voided;
  `.execute(db);
}
