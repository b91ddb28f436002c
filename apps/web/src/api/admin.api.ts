import { withQuery } from '../lib/router.ts';
import type {
  AdminUser,
  AdminVideo,
  AdminVideoStatus,
  AuditEntry,
  ContestUpdate,
  ReportedVideo,
  Results,
  VideoVisibility,
  VoteProfile,
} from './admin-types.ts';
import { callApi, downloadFromApi } from './http.ts';
import type { Contest } from './types.ts';

// The organisers' routes. Each answers 401 without a token and 403 FORBIDDEN to a player.

const videoPath = (videoId: string, action: string) => `/api/admin/videos/${encodeURIComponent(videoId)}/${action}`;
const userPath = (userId: string, action: string) => `/api/admin/users/${encodeURIComponent(userId)}/${action}`;
const totalOf = (headers: Headers, fallback: number) => Number(headers.get('x-total-count') ?? fallback);

export const listReportedVideos = async (signal?: AbortSignal) =>
  (await callApi<ReportedVideo[]>('/api/admin/reports', { signal })).data;

export interface AdminVideoQuery {
  status?: AdminVideoStatus | undefined;
  city?: string | undefined;
  player_id?: string | undefined;
  limit: number;
  offset: number;
}

export async function listAdminVideos(query: AdminVideoQuery, signal?: AbortSignal) {
  const { data, headers } = await callApi<AdminVideo[]>(withQuery('/api/admin/videos', { ...query }), { signal });
  return { videos: data, total: totalOf(headers, data.length) };
}

export const hideVideo = async (videoId: string, reason: string) =>
  (await callApi<VideoVisibility>(videoPath(videoId, 'hide'), { method: 'POST', body: { reason } })).data;

export const restoreVideo = async (videoId: string, reason: string) =>
  (
    await callApi<VideoVisibility>(videoPath(videoId, 'restore'), {
      method: 'POST',
      body: reason ? { reason } : {},
    })
  ).data;

export const dismissReports = async (videoId: string, reason: string) =>
  (
    await callApi<{ video_id: string; dismissed: number }>(videoPath(videoId, 'dismiss-reports'), {
      method: 'POST',
      body: { reason },
    })
  ).data;

export const fetchVoteProfile = async (videoId: string, signal?: AbortSignal) =>
  (await callApi<VoteProfile>(videoPath(videoId, 'votes'), { signal })).data;

/** At most one user: the address is compared the way sign-up compares it. */
export const findUserByEmail = async (email: string, signal?: AbortSignal) =>
  (await callApi<AdminUser[]>(withQuery('/api/admin/users', { email }), { signal })).data[0];

export const suspendUser = async (userId: string, reason: string, voidVotes: boolean) =>
  (
    await callApi<AdminUser>(userPath(userId, 'suspend'), {
      method: 'POST',
      body: { reason, void_votes: voidVotes },
    })
  ).data;

export const reinstateUser = async (userId: string, reason: string) =>
  (await callApi<AdminUser>(userPath(userId, 'reinstate'), { method: 'POST', body: reason ? { reason } : {} })).data;

export const updateContest = async (update: ContestUpdate) =>
  (await callApi<Contest>('/api/admin/contest', { method: 'PUT', body: update })).data;

export const fetchResults = async (signal?: AbortSignal) =>
  (await callApi<Results>('/api/admin/results', { signal })).data;

export const downloadResultsCsv = () => downloadFromApi('/api/admin/results.csv', 'text/csv');

export async function listAudit(query: { limit: number; offset: number }, signal?: AbortSignal) {
  const { data, headers } = await callApi<AuditEntry[]>(withQuery('/api/admin/audit', { ...query }), { signal });
  return { entries: data, total: totalOf(headers, data.length) };
}
