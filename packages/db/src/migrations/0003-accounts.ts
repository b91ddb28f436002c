import { sql, type Kysely } from 'kysely';

/**
 * Accounts a person owns (docs/accounts.md): one account per mailbox, a confirmed e-mail, revocable
 * tokens, single-use mailed links and the outbox that sends them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users
      add column email_normalised text,
      add column email_verified_at timestamptz,
      add column token_generation integer not null default 0;

    -- The rules of core's normalisedEmail; of older accounts sharing a mailbox, the first keeps it.
    with normalised as (
      select id, created_at,
        case when split_part(email, '@', 2) in ('gmail.com', 'googlemail.com')
          then replace(split_part(split_part(email, '@', 1), '+', 1), '.', '') || '@gmail.com'
          else split_part(split_part(email, '@', 1), '+', 1) || '@' || split_part(email, '@', 2)
        end as mailbox
      from users
    ), ranked as (
      select id, mailbox, row_number() over (partition by mailbox order by created_at, id) as nth from normalised
    )
    update users set email_normalised = ranked.mailbox from ranked where users.id = ranked.id and ranked.nth = 1;
    create unique index users_email_normalised_key on users (email_normalised);

    create table account_links (
      token_hash text primary key,
      user_id uuid not null references users (id) on delete cascade,
      purpose text not null check (purpose in ('verify_email', 'reset_password')),
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index account_links_user_idx on account_links (user_id);
    create index account_links_expiry_idx on account_links (expires_at);

    create table revoked_tokens (
      token_id uuid primary key,
      user_id uuid not null references users (id) on delete cascade,
      expires_at timestamptz not null
    );
    create index revoked_tokens_expiry_idx on revoked_tokens (expires_at);

    create table mail_outbox (
      id uuid primary key,
      recipient text not null,
      subject text not null,
      text_body text not null,
      html_body text not null,
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      sent_at timestamptz,
      failed_at timestamptz,
      last_error text,
      created_at timestamptz not null default now()
    );
    create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where sent_at is null and failed_at is null;
    create index mail_outbox_sent_idx on mail_outbox (sent_at) where sent_at is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table mail_outbox, revoked_tokens, account_links;
    drop index users_email_normalised_key;
    alter table users drop column email_normalised, drop column email_verified_at, drop column token_generation;
  `.execute(db);
}
