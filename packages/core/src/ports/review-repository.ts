import type { AccountRole } from '../domain/account-role.ts';
import type { RecordedAuditEntry } from '../domain/audit.ts';
import type { ReportReason } from '../domain/reports.ts';
import type { VideoStatus } from '../domain/video.ts';

export interface VideoOwner {
  userId: string;
  name: string;
  email: string;
  city: string;
}

/** Any video, whatever its status, as an organiser reviews it. */
export interface ReviewedVideo {
  id: string;
  title: string;
  status: VideoStatus;
  owner: VideoOwner;
  uploadedAt: Date;
  processedAt: Date | null;
  processedKey: string | null;
  posterKey: string | null;
  votes: number;
  openReports: number;
  totalReports: number;
  hiddenReason: string | null;
  hiddenAt: Date | null;
}

export interface ReviewedVideoQuery {
  status: VideoStatus | undefined;
  cityKey: string | undefined;
  playerId: string | undefined;
  limit: number;
  offset: number;
}

export interface ReportedVideo {
  id: string;
  title: string;
  status: VideoStatus;
  owner: VideoOwner;
  processedKey: string | null;
  posterKey: string | null;
  openReports: number;
  byReason: Record<ReportReason, number>;
  lastReportedAt: Date;
  reports: { reason: ReportReason; details: string | null; reportedAt: Date }[];
}

/** Where a video's votes came from, to tell a following from a burst of throwaway accounts. */
export interface VoteProfile {
  videoId: string;
  title: string;
  total: number;
  /** Votes that count: the voter's votes are not voided. */
  counted: number;
  voided: number;
  fromVerifiedAccounts: number;
  /** Votes cast within 24 h of the voter's sign-up. */
  fromNewAccounts: number;
  perHour: { hour: Date; votes: number }[];
  /** Sign-up networks (/24, /64) of the voters, most votes first; accounts from before networks were kept are left out. */
  signupNetworks: { network: string; votes: number }[];
}

export interface ReviewedAccount {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  city: string;
  country: string;
  role: AccountRole;
  emailVerified: boolean;
  createdAt: Date;
  suspendedAt: Date | null;
  suspensionReason: string | null;
  votesVoided: boolean;
}

/** A player in the final ranking of their city, with their most voted visible video. */
export interface ResultRow {
  userId: string;
  player: string;
  email: string;
  city: string;
  votes: number;
  videoId: string;
  videoTitle: string;
}

/** What organisers read; nothing here changes anything. */
export interface ReviewRepository {
  videos(query: ReviewedVideoQuery): Promise<{ items: ReviewedVideo[]; total: number }>;
  /** Videos with open reports, the most reported first. */
  reportQueue(): Promise<ReportedVideo[]>;
  voteProfile(videoId: string): Promise<VoteProfile | undefined>;
  /** The account with this e-mail (as typed, or its mailbox). */
  accountsByEmail(email: string, emailNormalised: string): Promise<ReviewedAccount[]>;
  account(id: string): Promise<ReviewedAccount | undefined>;
  /** Ranked players (at least one counted voter) with their best visible video, city by city, most voted first. */
  results(): Promise<ResultRow[]>;
  audit(page: { limit: number; offset: number }): Promise<{ items: RecordedAuditEntry[]; total: number }>;
}
