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

export interface RankedPlayer {
  position: number;
  username: string;
  city: string;
  votes: number;
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
}

/** `POST /api/auth/change-password`: the old tokens stop working, this one replaces them. */
export interface PasswordChangedAnswer extends LoginAnswer {
  message: string;
}
