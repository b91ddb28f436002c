import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { password } from './accounts.ts';
import { makeSampleVideo } from './sample-video.ts';
import type { Stack } from './stack.ts';

export interface Player {
  first: string;
  last: string;
  email: string;
  city: string;
}

async function api(stack: Stack, pathname: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (typeof init.body === 'string') headers.set('content-type', 'application/json');
  const response = await fetch(`${stack.baseUrl}${pathname}`, { ...init, headers });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> };
}

/**
 * A player who signs up through the API, uploads the sample video and waits until the worker publishes it:
 * the quickest way to a published video when the upload itself is not what a check is about.
 */
export async function publishVideoOfANewPlayer(stack: Stack, player: Player, title: string): Promise<string> {
  const signup = await api(stack, '/api/auth/signup', {
    method: 'POST',
    body: JSON.stringify({
      ...{ first_name: player.first, last_name: player.last, email: player.email },
      ...{ password1: password, password2: password, city: player.city, country: 'Colombia' },
    }),
  });
  assert.equal(signup.status, 201, JSON.stringify(signup.body));
  const login = await api(stack, '/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email: player.email, password }),
  });
  const token = login.body.access_token as string;
  const samplePath = await makeSampleVideo(stack.workDir);
  const form = new FormData();
  form.set('title', title);
  form.set('video_file', new Blob([await readFile(samplePath)], { type: 'video/mp4' }), 'jugada.mp4');
  const upload = await api(stack, '/api/videos/upload', { method: 'POST', body: form, token });
  assert.equal(upload.status, 201, JSON.stringify(upload.body));
  const videoId = upload.body.video_id as string;
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    const { body } = await api(stack, `/api/videos/${videoId}`, { token });
    if (body.status === 'processed') return videoId;
    assert.notEqual(body.status, 'failed', JSON.stringify(body));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the sample video was not published in time');
}
