import type { ReportReason, Role } from './types.ts';

// Shapes of the organisers' routes (`/api/admin/...`); the API's zod schemas are the source of truth.

export type AdminVideoStatus = 'uploaded' | 'processing' | 'processed' | 'failed' | 'hidden';

export interface VideoOwner {
  user_id: string;
  name: string;
  email: string;
  city: string;
}

/** One reported video in the queue, most reported first. */
export interface ReportedVideo {
  video_id: string;
  title: string;
  status: AdminVideoStatus;
  player: VideoOwner;
  processed_url: string | null;
  poster_url: string | null;
  open_reports: number;
  by_reason: Record<ReportReason, number>;
  last_reported_at: string;
  reports: { reason: ReportReason; details: string | null; reported_at: string }[];
}

export interface AdminVideo {
  video_id: string;
  title: string;
  status: AdminVideoStatus;
  player: VideoOwner;
  uploaded_at: string;
  processed_at: string | null;
  processed_url: string | null;
  poster_url: string | null;
  votes: number;
  open_reports: number;
  total_reports: number;
  hidden_reason: string | null;
  hidden_at: string | null;
}

export interface VideoVisibility {
  video_id: string;
  status: AdminVideoStatus;
  hidden_reason: string | null;
  hidden_at: string | null;
}

/** How a video's votes came in: enough to tell a real following from a burst of fresh accounts. */
export interface VoteProfile {
  video_id: string;
  title: string;
  total: number;
  counted: number;
  voided: number;
  verified: number;
  /** 0 to 1. */
  verified_share: number;
  /** Voters whose account was created within 24 h before voting. */
  new_accounts: number;
  per_hour: { hour: string; votes: number }[];
  signup_networks: { network: string; votes: number }[];
}

export interface AdminUser {
  user_id: string;
  first_name: string;
  last_name: string;
  email: string;
  city: string;
  country: string;
  role: Role;
  email_verified: boolean;
  created_at: string;
  suspended_at: string | null;
  suspension_reason: string | null;
  votes_voided: boolean;
}

export interface ContestUpdate {
  name: string;
  rules: string;
  selected_per_city: number;
  uploads_close_at: string | null;
  voting_closes_at: string | null;
}

export interface ResultsPlayer {
  position: number;
  user_id: string;
  player: string;
  email: string;
  city: string;
  video_id: string;
  video_title: string;
  video_url: string;
  votes: number;
}

export interface Results {
  status: 'provisional' | 'final';
  generated_at: string;
  cities: { city: string; players: ResultsPlayer[] }[];
}

export type AuditAction =
  | 'grant_organiser'
  | 'revoke_organiser'
  | 'contest_updated'
  | 'video_hidden'
  | 'video_restored'
  | 'reports_dismissed'
  | 'user_suspended'
  | 'user_reinstated';

export interface AuditEntry {
  id: string;
  at: string;
  /** A null user is the command line. */
  actor: { user_id: string | null; email: string | null };
  action: AuditAction;
  target_type: 'video' | 'user' | 'contest';
  target_id: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}
