import type { ColumnType, Generated } from 'kysely';
import type { AccountRole, AuditTargetType, ReportReason, VideoStatus } from '@anb/core';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface UsersTable {
  id: string;
  first_name: string;
  last_name: string;
  /** Lower-cased, so uniqueness ignores case. */
  email: string;
  password_hash: string;
  city: string;
  /** City folded for matching (lower case, no accents). */
  city_key: string;
  country: string;
  /** People who voted for at least one of the player's videos (each counted once), kept by the vote tally. */
  votes_received: Generated<number>;
  created_at: CreatedAt;
  /** The mailbox (core's normalisedEmail), unique; null only for an older account sharing one. */
  email_normalised: string | null;
  email_verified_at: Date | null;
  /** Raised by sign-out everywhere and password changes: older tokens are refused. */
  token_generation: Generated<number>;
  role: ColumnType<AccountRole, AccountRole | undefined, AccountRole>;
  /** The network the account signed up from (/24 or /64), never the full address; null for older accounts. */
  signup_network: string | null;
  suspended_at: Date | null;
  suspension_reason: string | null;
  /** The account's votes stop counting (kept for the record) until it is reinstated. */
  votes_voided: Generated<boolean>;
}

export interface AccountLinksTable {
  /** SHA-256 of the mailed token, hex. */
  token_hash: string;
  user_id: string;
  purpose: 'verify_email' | 'reset_password';
  expires_at: Date;
  used_at: Date | null;
  created_at: CreatedAt;
}

export interface RevokedTokensTable {
  token_id: string;
  user_id: string;
  expires_at: Date;
}

export interface MailOutboxTable {
  id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  sent_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
  created_at: CreatedAt;
}

export interface VideosTable {
  id: string;
  owner_id: string;
  title: string;
  status: ColumnType<VideoStatus, VideoStatus | undefined, VideoStatus>;
  original_key: string;
  processed_key: string | null;
  poster_key: string | null;
  failure_reason: string | null;
  attempts: Generated<number>;
  /** Tallied votes; readers add the video's still-uncounted votes (see uncounted_votes). */
  votes: Generated<number>;
  uploaded_at: CreatedAt;
  processed_at: Date | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  /** Encoder progress 0–100 while processing, null otherwise; written only by the worker. */
  progress: ColumnType<number | null, never, number | null>;
  hidden_at: Date | null;
  hidden_reason: string | null;
}

export interface VideoReportsTable {
  id: string;
  video_id: string;
  reporter_id: string;
  reason: ReportReason;
  details: string | null;
  created_at: CreatedAt;
  /** Set when the video is hidden or its reports are dismissed: it leaves the queue. */
  handled_at: Date | null;
}

/** The single row of the contest this deployment runs. */
export interface ContestTable {
  id: ColumnType<boolean, never, never>;
  name: string;
  rules: string;
  selected_per_city: number;
  uploads_close_at: Date | null;
  voting_closes_at: Date | null;
  updated_at: ColumnType<Date, never, Date>;
}

/** Append-only: a trigger refuses updates and deletes. */
export interface AuditLogTable {
  id: Generated<string>;
  at: CreatedAt;
  /** Null when the command line did it. */
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: AuditTargetType;
  target_id: string | null;
  reason: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface VotesTable {
  video_id: string;
  user_id: string;
  created_at: CreatedAt;
}

/**
 * The voters a player's ranking counts: a vote by this voter, not voided, on one of the player's visible videos.
 * Written only under the tally's lock (by the tally and by moderation).
 */
export interface PlayerVotersTable {
  player_id: string;
  voter_id: string;
}

/** Votes answered but not yet added to the counters; the tally empties it and decides whether each counts. */
export interface UncountedVotesTable {
  id: Generated<string>;
  video_id: string;
  voter_id: string;
}

export interface QueueMessagesTable {
  id: Generated<string>;
  queue: string;
  body: ColumnType<unknown, string, never>;
  visible_at: ColumnType<Date, Date | undefined, Date>;
  receive_count: Generated<number>;
  dead_at: Date | null;
  created_at: CreatedAt;
}

export interface Database {
  users: UsersTable;
  videos: VideosTable;
  votes: VotesTable;
  player_voters: PlayerVotersTable;
  uncounted_votes: UncountedVotesTable;
  queue_messages: QueueMessagesTable;
  account_links: AccountLinksTable;
  revoked_tokens: RevokedTokensTable;
  mail_outbox: MailOutboxTable;
  video_reports: VideoReportsTable;
  contest: ContestTable;
  audit_log: AuditLogTable;
}
