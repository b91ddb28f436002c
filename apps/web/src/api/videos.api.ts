import { callApi } from './http.ts';
import type { OwnVideo } from './types.ts';

export const listMyVideos = async (signal?: AbortSignal) => (await callApi<OwnVideo[]>('/api/videos', { signal })).data;

export async function deleteMyVideo(videoId: string): Promise<string> {
  const { data } = await callApi<{ message: string }>(`/api/videos/${encodeURIComponent(videoId)}`, {
    method: 'DELETE',
  });
  return data.message;
}
