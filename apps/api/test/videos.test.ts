import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@anb/core';
import { PostgresProcessingRepository } from '@anb/db';
import { startTestApi, type TestApi } from './support/test-api.ts';
import { newPlayer, type Player } from '@anb/testing/players';
import { uploadForm } from '@anb/testing/multipart';
import { validLandscape } from '@anb/testing/mp4';
import { insertVideo } from '@anb/testing/rows';

let api: TestApi;
let owner: Player;
let stranger: Player;
beforeAll(async () => {
  api = await startTestApi();
  [owner, stranger] = await Promise.all([newPlayer(api.app), newPlayer(api.app)]);
});
afterAll(() => api.close());

async function uploadVideo(player: Player, title = 'Jugada'): Promise<string> {
  const form = await uploadForm(await validLandscape(), title);
  const response = await api.app.inject({
    method: 'POST',
    url: '/api/videos/upload',
    payload: form.payload,
    headers: { ...form.headers, ...player.auth },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().video_id;
}

async function publish(videoId: string) {
  await api.testDb.db
    .updateTable('videos')
    .set({ status: 'processed', processed_at: new Date(), processed_key: `processed/${videoId}.mp4` })
    .where('id', '=', videoId)
    .execute();
}

const get = (url: string, player?: Player) => api.app.inject({ method: 'GET', url, headers: player?.auth ?? {} });
const remove = (url: string, player?: Player) => api.app.inject({ method: 'DELETE', url, headers: player?.auth ?? {} });

describe('GET /api/videos', () => {
  it("lists only the player's own videos, newest first, in the contract's shape", async () => {
    const player = await newPlayer(api.app);
    const first = await uploadVideo(player, 'Primera');
    const second = await uploadVideo(player, 'Segunda');
    await uploadVideo(stranger, 'Ajena');

    const response = await get('/api/videos', player);

    expect(response.statusCode).toBe(200);
    const list = response.json();
    expect(list.map((video: { video_id: string }) => video.video_id)).toEqual([second, first]);
    expect(list[0]).toEqual({
      video_id: second,
      title: 'Segunda',
      status: 'uploaded',
      uploaded_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      processed_at: null,
      processed_url: null,
      poster_url: null,
    });
  });

  it('gives a published video its playable clip and poster URLs', async () => {
    const player = await newPlayer(api.app);
    const videoId = await insertVideo(api.testDb.db, player.id, 'processed', 'Publicada');
    const [video] = (await get('/api/videos', player)).json();
    expect(video).toMatchObject({
      video_id: videoId,
      status: 'processed',
      processed_url: expect.stringMatching(/^http:\/\/localhost(:\d+)?\/media\/processed\/.+\.mp4\?/),
      poster_url: expect.stringMatching(/^http:\/\/localhost(:\d+)?\/media\/processed\/.+\.jpg\?/),
    });
  });

  it('builds media URLs on PUBLIC_BASE_URL whatever Host or X-Forwarded-Host the request names', async () => {
    const player = await newPlayer(api.app);
    await insertVideo(api.testDb.db, player.id, 'processed', 'Publicada');
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/videos',
      headers: {
        ...player.auth,
        host: 'evil.example',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
      },
    });
    const [video] = response.json();
    expect(video.processed_url).toMatch(/^http:\/\/localhost:8000\/media\/processed\//);
    expect(response.body).not.toContain('evil.example');
  });

  it('shows a failed video with its reason', async () => {
    const player = await newPlayer(api.app);
    const videoId = await uploadVideo(player);
    await api.testDb.db
      .updateTable('videos')
      .set({ status: 'failed', failure_reason: 'El video no se pudo leer.' })
      .where('id', '=', videoId)
      .execute();
    const [video] = (await get('/api/videos', player)).json();
    expect(video).toMatchObject({ status: 'failed', failure_reason: 'El video no se pudo leer.' });
  });

  it('answers 401 without a token', async () => {
    expect((await get('/api/videos')).statusCode).toBe(401);
  });
});

describe('GET /api/videos/{video_id}', () => {
  it('gives the detail with a playable original URL that supports Range', async () => {
    const videoId = await uploadVideo(owner, 'Detalle');
    const response = await get(`/api/videos/${videoId}`, owner);

    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail).toEqual({
      video_id: videoId,
      title: 'Detalle',
      status: 'uploaded',
      uploaded_at: expect.any(String),
      processed_at: null,
      original_url: expect.stringMatching(/^http:\/\/localhost(:\d+)?\/media\/uploaded\//),
      processed_url: null,
      votes: 0,
    });
    const mediaPath = new URL(detail.original_url).pathname + new URL(detail.original_url).search;
    const whole = await api.app.inject({ method: 'GET', url: mediaPath });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('video/mp4');
    const part = await api.app.inject({ method: 'GET', url: mediaPath, headers: { range: 'bytes=0-99' } });
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.length).toBe(100);
    expect(part.rawPayload.equals(whole.rawPayload.subarray(0, 100))).toBe(true);
  });

  it('refuses a media URL whose signature does not match', async () => {
    const videoId = await uploadVideo(owner);
    const { original_url } = (await get(`/api/videos/${videoId}`, owner)).json();
    const tampered = new URL(original_url);
    tampered.searchParams.set('signature', 'AAAA');
    const response = await api.app.inject({ method: 'GET', url: tampered.pathname + tampered.search });
    expect(response.statusCode).toBe(403);
  });

  it("answers 403 with the contract text for another player's video", async () => {
    const videoId = await uploadVideo(owner);
    const response = await get(`/api/videos/${videoId}`, stranger);
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toBe(
      'El usuario autenticado no tiene permisos para acceder a este video (no es el propietario).',
    );
  });

  it.each([newId(), 'not-an-id', '12345', "1' OR '1'='1", '%F0%9F%8F%80'])('answers 404 for the id %s', async (id) => {
    const response = await get(`/api/videos/${id}`, owner);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().detail).toBe('El video con el video_id especificado no existe o no pertenece al usuario.');
  });
});

describe('processing progress', () => {
  it("carries the worker's progress in the list and the detail only while the video is processing", async () => {
    const player = await newPlayer(api.app);
    const videoId = await uploadVideo(player);
    const processing = new PostgresProcessingRepository(api.testDb.db);
    const progressIn = async () => ({
      listed: (await get('/api/videos', player)).json()[0].progress,
      detailed: (await get(`/api/videos/${videoId}`, player)).json().progress,
    });

    expect(await progressIn()).toEqual({ listed: undefined, detailed: undefined });
    await processing.claimForProcessing(videoId);
    expect(await progressIn()).toEqual({ listed: 0, detailed: 0 });
    await processing.recordProgress(videoId, 42);
    expect(await progressIn()).toEqual({ listed: 42, detailed: 42 });

    await processing.markProcessed(videoId, {
      processedKey: `processed/${videoId}.mp4`,
      posterKey: `processed/${videoId}.jpg`,
    });
    await processing.recordProgress(videoId, 99);
    expect(await progressIn()).toEqual({ listed: undefined, detailed: undefined });
  });
});

describe('DELETE /api/videos/{video_id}', () => {
  it('deletes an unpublished video with its files and its queued task stays harmless', async () => {
    const videoId = await uploadVideo(owner);
    const response = await remove(`/api/videos/${videoId}`, owner);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ message: 'El video ha sido eliminado exitosamente.', video_id: videoId });
    expect((await get(`/api/videos/${videoId}`, owner)).statusCode).toBe(404);
    expect((await api.filesOnDisk()).some((file) => file.includes(videoId))).toBe(false);
  });

  it('deletes a video the worker is processing, with what it already wrote, and the worker cannot publish it back', async () => {
    const videoId = await uploadVideo(owner);
    const processing = new PostgresProcessingRepository(api.testDb.db);
    expect(await processing.claimForProcessing(videoId)).toMatchObject({ kind: 'claimed' });
    // The worker has already stored the clip and its poster when the owner deletes.
    const scratch = path.join(api.dataDir, 'render-output');
    await writeFile(scratch, 'rendered');
    await api.runtime.store.putFile(`processed/${videoId}.mp4`, scratch, 'video/mp4');
    await writeFile(scratch, 'poster');
    await api.runtime.store.putFile(`processed/${videoId}.jpg`, scratch, 'image/jpeg');

    const response = await remove(`/api/videos/${videoId}`, owner);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ message: 'El video ha sido eliminado exitosamente.', video_id: videoId });
    expect((await api.filesOnDisk()).filter((file) => file.includes(videoId))).toEqual([]);
    const outputs = { processedKey: `processed/${videoId}.mp4`, posterKey: `processed/${videoId}.jpg` };
    expect(await processing.markProcessed(videoId, outputs)).toBe('gone');
    expect(await api.testDb.db.selectFrom('videos').select('id').where('id', '=', videoId).execute()).toEqual([]);
  });

  it('refuses a published video with 400 and keeps it', async () => {
    const videoId = await uploadVideo(owner);
    await publish(videoId);
    const response = await remove(`/api/videos/${videoId}`, owner);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VIDEO_NOT_DELETABLE',
      detail:
        'El video no puede ser eliminado porque no cumple las condiciones (por ejemplo, ya está habilitado para votación).',
    });
    expect((await get(`/api/videos/${videoId}`, owner)).statusCode).toBe(200);
  });

  it("refuses another player's video with 403 and keeps it", async () => {
    const videoId = await uploadVideo(owner);
    const response = await remove(`/api/videos/${videoId}`, stranger);
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toBe(
      'El usuario autenticado no tiene permisos para eliminar este video (no es el propietario).',
    );
    expect((await get(`/api/videos/${videoId}`, owner)).statusCode).toBe(200);
  });

  it.each([newId(), 'nope'])('answers 404 for the id %s', async (id) => {
    const response = await remove(`/api/videos/${id}`, owner);
    expect(response.statusCode).toBe(404);
    expect(response.json().detail).toBe(
      'El video con el video_id especificado no existe o no pertenece al usuario autenticado.',
    );
  });

  it('answers 401 without a token', async () => {
    expect((await remove(`/api/videos/${newId()}`)).statusCode).toBe(401);
  });
});
