import { withQuery } from '../lib/router.ts';
import { callApi } from './http.ts';
import type { PublicVideo, RankedPlayer } from './types.ts';

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

export async function listRankings(
  query: { city?: string | undefined; limit: number; offset: number },
  signal?: AbortSignal,
) {
  return (await callApi<RankedPlayer[]>(withQuery('/api/public/rankings', { ...query }), { signal })).data;
}
