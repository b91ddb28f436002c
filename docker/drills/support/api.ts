import { openAsBlob } from 'node:fs';
import { newPlayerOverHttp, type HttpPlayer } from '@anb/testing/players-over-http';

/** The stack's entry point (nginx); `ANB_STACK_URL` points the drills at another one. */
export const API = `${process.env.ANB_STACK_URL ?? 'http://127.0.0.1:8080'}/api`;

export type Player = HttpPlayer;

export interface VideoDetail {
  video_id: string;
  status: 'uploaded' | 'processing' | 'processed' | 'failed';
  processed_url: string | null;
  votes: number;
}

/** A new player, signed up and logged in through the stack. */
export const newPlayer = (city = 'Medellín'): Promise<Player> => newPlayerOverHttp(API, city);

/** Sends the multipart upload the contract names; returns the raw response. */
export async function upload(player: Player, file: string, title = 'Jugada del simulacro'): Promise<Response> {
  const form = new FormData();
  form.set('title', title);
  form.set('video_file', await openAsBlob(file, { type: 'video/mp4' }), 'jugada.mp4');
  return fetch(`${API}/videos/upload`, { method: 'POST', headers: player.auth, body: form });
}

/** Uploads and returns the new video's id, failing on anything but 201. */
export async function uploadAccepted(player: Player, file: string): Promise<string> {
  const response = await upload(player, file);
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { video_id: string }).video_id;
}

export async function videoOf(player: Player, videoId: string): Promise<VideoDetail> {
  const response = await fetch(`${API}/videos/${videoId}`, { headers: player.auth });
  if (response.status !== 200) throw new Error(`GET video answered ${response.status}`);
  return (await response.json()) as VideoDetail;
}

export async function videosOf(player: Player): Promise<VideoDetail[]> {
  const response = await fetch(`${API}/videos`, { headers: player.auth });
  if (response.status !== 200) throw new Error(`GET videos answered ${response.status}`);
  return (await response.json()) as VideoDetail[];
}

export function vote(player: Player, videoId: string): Promise<Response> {
  return fetch(`${API}/public/videos/${videoId}/vote`, { method: 'POST', headers: player.auth });
}
