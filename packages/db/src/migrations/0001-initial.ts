import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key,
      first_name text not null,
      last_name text not null,
      email text not null,
      password_hash text not null,
      city text not null,
      city_key text not null,
      country text not null,
      votes_received integer not null default 0 check (votes_received >= 0),
      created_at timestamptz not null default now()
    );
    create unique index users_email_key on users (email);
    create index users_ranking_idx on users (votes_received desc, id) where votes_received > 0;
    create index users_city_ranking_idx on users (city_key, votes_received desc, id) where votes_received > 0;

    create table videos (
      id uuid primary key,
      owner_id uuid not null references users (id) on delete cascade,
      title text not null,
      status text not null default 'uploaded'
        check (status in ('uploaded', 'processing', 'processed', 'failed')),
      original_key text not null,
      processed_key text,
      poster_key text,
      failure_reason text,
      attempts integer not null default 0,
      votes integer not null default 0 check (votes >= 0),
      uploaded_at timestamptz not null default now(),
      processed_at timestamptz,
      updated_at timestamptz not null default now()
    );
    create index videos_owner_idx on videos (owner_id, uploaded_at desc);
    create index videos_published_recent_idx on videos (processed_at desc, id) where status = 'processed';
    create index videos_published_votes_idx on videos (votes desc, processed_at desc, id) where status = 'processed';

    create table votes (
      video_id uuid not null references videos (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (video_id, user_id)
    );
    create index votes_user_idx on votes (user_id);

    create table queue_messages (
      id bigint generated always as identity primary key,
      queue text not null,
      body jsonb not null,
      visible_at timestamptz not null default now(),
      receive_count integer not null default 0,
      dead_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index queue_messages_ready_idx on queue_messages (queue, visible_at) where dead_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table queue_messages, votes, videos, users`.execute(db);
}
