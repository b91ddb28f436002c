import { withQuery } from '../lib/router.ts';
import { callApi } from './http.ts';
import type { PublicVideo, RankedPlayer, RankingStatus, ReportReason } from './types.ts';

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

export async function voteFor(videoId: string): Promise<string> {
  const { data } = await callApi<{ message: string }>(`/api/public/videos/${encodeURIComponent(videoId)}/vote`, {
    method: 'POST',
  });
  return data.message;
}

/** The players, and whether the votes are still open (`provisional`) or closed (`final`). */
export async function listRankings(
  query: { city?: string | undefined; limit: number; offset: number },
  signal?: AbortSignal,
): Promise<{ players: RankedPlayer[]; status: RankingStatus | undefined }> {
  const { data, headers } = await callApi<RankedPlayer[]>(withQuery('/api/public/rankings', { ...query }), { signal });
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
