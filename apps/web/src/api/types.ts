import type { SignupRequest } from '@anb/core/account-rules';
import type { VoteRefusalCode } from '@anb/core/account-security-texts';

// Shapes of the API's answers; the API's zod schemas (apps/api/src/schemas) are the source of truth.

export interface PublicVideo {
  video_id: string;
  title: string;
  player_name: string;
  city: string;
  country: string;
  processed_url: string;
  poster_url: string | null;
  votes: number;
  uploaded_at: string;
  voted_by_me?: boolean;
}

/** `GET /api/public/videos/{id}`: one published video, as its shared page shows it. */
export interface SharedVideo extends PublicVideo {
  /** The player's place in their city's ranking; null while the player has no votes. */
  position: number | null;
  /** The absolute address to share, `/v/{id}` on the site's public origin. */
  page_url: string;
  /** Only with a token. */
  is_mine?: boolean;
}

/** `GET /api/public/cities`: a city people signed up from, in its most used spelling. */
export interface KnownCity {
  city: string;
  people: number;
}

export interface RankedPlayer {
  position: number;
  username: string;
  city: string;
  votes: number;
  /** With `include=video_id`: the player's most voted published video, which the row links to. */
  video_id?: string | null;
}

export type VideoStatus = 'uploaded' | 'processing' | 'processed' | 'failed';

export interface OwnVideo {
  video_id: string;
  title: string;
  status: VideoStatus;
  uploaded_at: string;
  processed_at: string | null;
  processed_url: string | null;
  poster_url?: string | null;
  failure_reason?: string;
  /** 0–100, only while `processing`. */
  progress?: number;
  /** Only while published (`processed`). */
  votes?: number;
  position?: number | null;
  page_url?: string;
}

export interface LoginAnswer {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export type SignupInput = SignupRequest;

/** `GET /api/auth/me`: the signed-in player's account. */
export interface Account {
  user_id: string;
  first_name: string;
  last_name: string;
  email: string;
  city: string;
  country: string;
  email_verified: boolean;
  /** Why a vote from this account would be refused; null when it may vote. */
  vote_refusal: VoteRefusalCode | null;
  /** Organisers see the moderation, calendar, results and audit pages. Older APIs leave it out. */
  role?: Role;
}

export type Role = 'player' | 'organiser';

/** `POST /api/auth/change-password`: the old tokens stop working, this one replaces them. */
export interface PasswordChangedAnswer extends LoginAnswer {
  message: string;
}

/** `open`: uploads and votes open; `voting`: uploads closed, votes open; `closed`: results final. */
export type ContestPhase = 'open' | 'voting' | 'closed';

/** `GET /api/contest`: the contest's own words and calendar. */
export interface Contest {
  name: string;
  rules: string;
  selected_per_city: number;
  /** IANA zone the organisers' dates are given in, e.g. America/Bogota. */
  time_zone: string;
  uploads_close_at: string | null;
  voting_closes_at: string | null;
  phase: ContestPhase;
  next_deadline_at: string | null;
}

export const reportReasons = ['inappropriate', 'not_basketball', 'not_own_content', 'spam', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];

export type RankingStatus = 'provisional' | 'final';
