import { z } from 'zod';
import {
  accountRoles,
  auditActions,
  auditTargetTypes,
  reportReasons,
  REPORT_DETAILS_MAX,
  videoStatuses,
} from '@anb/core';
import { plainString } from './text.ts';

const instant = z.iso.datetime();
const page = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
const reasonText = plainString().trim().min(1).max(500);

export const reportBody = z.object({
  reason: z.enum(reportReasons),
  details: plainString().trim().max(REPORT_DETAILS_MAX).optional(),
});
export const reportReceived = z.object({ message: z.string(), report_id: z.string() });

export const userIdParams = z.object({ user_id: z.string() });

const owner = z.object({ user_id: z.string(), name: z.string(), email: z.string(), city: z.string() });

export const reviewedVideosQuery = z.object({
  status: z.enum(videoStatuses).optional(),
  city: plainString().trim().min(1).max(100).optional(),
  player_id: z.uuid().optional(),
  ...page,
});

export const reviewedVideo = z
  .object({
    video_id: z.string(),
    title: z.string(),
    status: z.enum(videoStatuses),
    player: owner,
    uploaded_at: instant,
    processed_at: instant.nullable(),
    processed_url: z.string().nullable(),
    poster_url: z.string().nullable(),
    votes: z.number().int(),
    open_reports: z.number().int(),
    total_reports: z.number().int(),
    hidden_reason: z.string().nullable(),
    hidden_at: instant.nullable(),
  })
  .meta({ id: 'ReviewedVideo' });

export const reportedVideo = z
  .object({
    video_id: z.string(),
    title: z.string(),
    status: z.enum(videoStatuses),
    player: owner,
    processed_url: z.string().nullable(),
    poster_url: z.string().nullable(),
    open_reports: z.number().int(),
    by_reason: z.object(Object.fromEntries(reportReasons.map((reason) => [reason, z.number().int()]))),
    last_reported_at: instant,
    reports: z.array(z.object({ reason: z.enum(reportReasons), details: z.string().nullable(), reported_at: instant })),
  })
  .meta({ id: 'ReportedVideo' });

export const hideBody = z.object({ reason: reasonText });
export const restoreBody = z.object({ reason: reasonText.optional() });
export const dismissBody = z.object({ reason: reasonText });

export const hiddenState = z.object({
  video_id: z.string(),
  status: z.enum(videoStatuses),
  hidden_reason: z.string().nullable(),
  hidden_at: instant.nullable(),
});
export const reportsDismissed = z.object({ video_id: z.string(), dismissed: z.number().int() });

export const voteProfile = z
  .object({
    video_id: z.string(),
    title: z.string(),
    total: z.number().int(),
    counted: z.number().int().describe('Votes whose voter is not voided'),
    voided: z.number().int(),
    verified: z.number().int().describe('Votes from accounts with a confirmed e-mail'),
    verified_share: z.number().min(0).max(1),
    new_accounts: z.number().int().describe('Votes cast within 24 h of the voter signing up'),
    per_hour: z.array(z.object({ hour: instant, votes: z.number().int() })),
    signup_networks: z
      .array(z.object({ network: z.string(), votes: z.number().int() }))
      .describe('The voters’ sign-up networks (/24 IPv4, /64 IPv6); only the network is ever stored'),
  })
  .meta({ id: 'VoteProfile' });

export const accountsQuery = z.object({ email: plainString().trim().min(3).max(254) });

export const reviewedAccount = z
  .object({
    user_id: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    email: z.string(),
    city: z.string(),
    country: z.string(),
    role: z.enum(accountRoles),
    email_verified: z.boolean(),
    created_at: instant,
    suspended_at: instant.nullable(),
    suspension_reason: z.string().nullable(),
    votes_voided: z.boolean(),
  })
  .meta({ id: 'ReviewedAccount' });

export const suspendBody = z.object({ reason: reasonText, void_votes: z.boolean() });
export const reinstateBody = z.object({ reason: reasonText.optional() });

export const resultRow = z.object({
  position: z.number().int(),
  user_id: z.string(),
  player: z.string(),
  email: z.string(),
  city: z.string(),
  video_id: z.string(),
  video_title: z.string(),
  video_url: z.string(),
  votes: z.number().int(),
});
export const results = z
  .object({
    status: z.enum(['provisional', 'final']).describe('final once voting has closed'),
    generated_at: instant,
    cities: z.array(z.object({ city: z.string(), players: z.array(resultRow) })),
  })
  .meta({ id: 'Results' });

export const auditQuery = z.object(page);
export const auditEntry = z
  .object({
    id: z.string(),
    at: instant,
    actor: z
      .object({ user_id: z.string().nullable(), email: z.string().nullable() })
      .describe('null user: the command line (npm run admin)'),
    action: z.enum(auditActions),
    target_type: z.enum(auditTargetTypes),
    target_id: z.string().nullable(),
    reason: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });
