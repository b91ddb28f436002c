/**
 * A resumable (tus) upload whose API container dies halfway resumes through the other container:
 * the upload's state lives in the object store, not in a process. Needs the stack from
 * `npm run docker:up -- --for-tests`.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { API, newPlayer, videoOf, videosOf, type Player } from './support/api.ts';
import { containersOf, docker, logRecordsOf, restartBehindBalancer, waitFor } from './support/containers.ts';
import { fiftyMegabyteVideo } from './support/videos.ts';

const TUS = { 'tus-resumable': '1.0.0' };
const base64 = (text: string) => Buffer.from(text).toString('base64');

let player: Player;
let video: Buffer;
let killed = '';

before(async () => {
  [player, video] = await Promise.all([newPlayer(), fiftyMegabyteVideo().then((file) => readFile(file))]);
});

after(async () => {
  if (killed !== '') await restartBehindBalancer(killed);
});

const patch = (uploadUrl: string, offset: number, bytes: Buffer) =>
  fetch(uploadUrl, {
    method: 'PATCH',
    headers: {
      ...TUS,
      ...player.auth,
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
    },
    body: bytes,
  });

/** The API container that logged a PATCH of this upload, i.e. received its bytes. */
async function containerThatReceived(uploadId: string): Promise<string> {
  for (const api of await containersOf('api')) {
    const records = await logRecordsOf(api);
    const patched = records.some((record) => {
      const req = record.req as { method?: string; url?: string } | undefined;
      return req?.method === 'PATCH' && req.url?.endsWith(`/uploads/${uploadId}`);
    });
    if (patched) return api;
  }
  throw new Error(`no API container logged a PATCH of upload ${uploadId}`);
}

test('a resumable upload whose API container is killed halfway resumes through the other one', async (t) => {
  const created = await fetch(`${API}/uploads`, {
    method: 'POST',
    headers: {
      ...TUS,
      ...player.auth,
      'upload-length': String(video.length),
      'upload-metadata': `title ${base64('Jugada reanudada')},filename ${base64('jugada.mp4')},filetype ${base64('video/mp4')}`,
    },
  });
  assert.equal(created.status, 201, await created.text());
  const uploadUrl = new URL(created.headers.get('location')!, API).toString();
  const uploadId = uploadUrl.split('/').pop()!;

  const half = Math.floor(video.length / 2);
  const first = await patch(uploadUrl, 0, video.subarray(0, half));
  assert.equal(first.status, 204);
  assert.equal(first.headers.get('upload-offset'), String(half));

  killed = await containerThatReceived(uploadId);
  await docker('kill', killed);
  t.diagnostic(`first half (${half} bytes) received by ${killed}, which was then killed`);

  // Only the other container is left: it must know the upload from the store alone.
  const head = await waitFor('the upload to be found through the other container', async () => {
    const answer = await fetch(uploadUrl, { method: 'HEAD', headers: { ...TUS, ...player.auth } });
    return answer.status === 200 ? answer : undefined;
  });
  assert.equal(head.headers.get('upload-offset'), String(half));
  const last = await patch(uploadUrl, half, video.subarray(half));
  assert.equal(last.status, 204);
  const videoId = last.headers.get('video-id');
  assert.match(videoId ?? '', /^[0-9a-f-]{36}$/);

  assert.deepEqual(
    (await videosOf(player)).map((recorded) => recorded.video_id),
    [videoId],
  );
  await waitFor(
    'the resumed upload to be published',
    async () => ((await videoOf(player, videoId!)).status === 'processed' ? true : undefined),
    240_000,
  );
});
