import { withQuery } from '../lib/router.ts';
import { ApiError } from './api-error.ts';
import { callApi } from './http.ts';
import type { KnownCity, PublicVideo, RankedPlayer, RankingStatus, ReportReason, SharedVideo } from './types.ts';

export interface VideoPageQuery {
  city?: string | undefined;
  sort: 'votes' | 'recent';
  limit: number;
  offset: number;
}

export async function listPublicVideos(query: VideoPageQuery, signal?: AbortSignal) {
  const { data, headers } = await callApi<PublicVideo[]>(withQuery('/api/public/videos', { ...query }), { signal });
  return { videos: data, total: Number(headers.get('x-total-count') ?? data.length) };
}

/** One published video with its city ranking and the address to share; null when there is none to show. */
export async function fetchSharedVideo(videoId: string, signal?: AbortSignal): Promise<SharedVideo | null> {
  try {
    return (await callApi<SharedVideo>(`/api/public/videos/${encodeURIComponent(videoId)}`, { signal })).data;
  } catch (error) {
    // Unknown, not yet published, hidden or deleted: the API does not say which, nor does the page.
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** The cities people already signed up from, most people first. */
export const listKnownCities = async (signal?: AbortSignal) =>
  (await callApi<KnownCity[]>('/api/public/cities', { signal })).data;

export async function voteFor(videoId: string): Promise<string> {
  const { data } = await callApi<{ message: string }>(`/api/public/videos/${encodeURIComponent(videoId)}/vote`, {
    method: 'POST',
  });
  return data.message;
}

/**
 * The players, each with the video their row links to, and whether the votes are still open (`provisional`)
 * or closed (`final`).
 */
export async function listRankings(
  query: { city?: string | undefined; limit: number; offset: number },
  signal?: AbortSignal,
): Promise<{ players: RankedPlayer[]; status: RankingStatus | undefined }> {
  const { data, headers } = await callApi<RankedPlayer[]>(
    withQuery('/api/public/rankings', { ...query, include: 'video_id' }),
    { signal },
  );
  const status = headers.get('x-ranking-status');
  return { players: data, status: status === 'final' || status === 'provisional' ? status : undefined };
}

export interface VideoReport {
  reason: ReportReason;
  details?: string;
}

/** Asks the organisers to review a video; answers the API's Spanish confirmation. */
export async function reportVideo(videoId: string, report: VideoReport): Promise<string> {
  const { data } = await callApi<{ message: string; report_id: string }>(
    `/api/public/videos/${encodeURIComponent(videoId)}/report`,
    { method: 'POST', body: report },
  );
  return data.message;
}
