import type { ColumnType, Generated } from 'kysely';
import type { VideoStatus } from '@anb/core';

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
}

export interface VotesTable {
  video_id: string;
  user_id: string;
  created_at: CreatedAt;
}

/** Who voted for a player at least once: the ranking counts each voter once per player. */
export interface PlayerVotersTable {
  player_id: string;
  voter_id: string;
}

/** Votes answered but not yet added to the counters; the tally empties it. */
export interface UncountedVotesTable {
  id: Generated<string>;
  video_id: string;
  player_id: string;
  first_for_player: boolean;
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
}
