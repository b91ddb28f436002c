import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@anb/core';
import { newVoter } from '@anb/testing/mailbox';
import { newOrganiser } from '@anb/testing/organisers';
import type { Player } from '@anb/testing/players';
import { insertVideo } from '@anb/testing/rows';
import { countersUnlikeRows, votesTallied } from '@anb/testing/votes';
import { startTestApi, type TestApi } from './support/test-api.ts';

let api: TestApi;
let organiser: Player;
beforeAll(async () => {
  api = await startTestApi();
  organiser = await newOrganiser(api.app, api.testDb.db);
});
afterAll(() => api.close());

const inject = (method: 'GET' | 'POST', url: string, auth?: { authorization: string }, payload?: object) =>
  api.app.inject({ method, url, headers: auth ?? {}, ...(payload ? { payload } : {}) });
const voter = (lastName = 'Pérez') => newVoter(api.app, api.testDb.db, { city: 'Medellín', last_name: lastName });
const vote = (videoId: string, who: Player) => inject('POST', `/api/public/videos/${videoId}/vote`, who.auth);
const report = (videoId: string, who: Player | undefined, payload: object = { reason: 'spam' }) =>
  inject('POST', `/api/public/videos/${videoId}/report`, who?.auth, payload);
const galleryIds = async () =>
  (await inject('GET', '/api/public/videos?city=Medellín&limit=100'))
    .json()
    .map((v: { video_id: string }) => v.video_id);
const ranking = async () => (await inject('GET', '/api/public/rankings?city=Medellín')).json();

describe('reports', () => {
  it('takes one report per user on a published video: 201, then 400 ALREADY_REPORTED; 404 unknown; 401 anonymous', async () => {
    const [owner, reporter] = [await voter(), await voter()];
    const videoId = await insertVideo(api.testDb.db, owner.id, 'processed');
    const first = await report(videoId, reporter, { reason: 'not_basketball', details: 'Es fútbol' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ message: 'Reporte recibido: el equipo organizador revisará el video.' });

    const again = await report(videoId, reporter, { reason: 'spam' });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('ALREADY_REPORTED');
    expect((await report(newId(), reporter)).statusCode).toBe(404);
    const unpublished = await insertVideo(api.testDb.db, owner.id, 'processing');
    expect((await report(unpublished, reporter)).json().code).toBe('VIDEO_NOT_FOUND');
    expect((await report(videoId, undefined)).statusCode).toBe(401);
    const badReason = await report(videoId, await voter(), { reason: 'aburrido' });
    expect(badReason.statusCode).toBe(400);
    expect(badReason.json().code).toBe('VALIDATION_ERROR');

    const queue = await inject('GET', '/api/admin/reports', organiser.auth);
    expect(queue.json().find((v: { video_id: string }) => v.video_id === videoId)).toMatchObject({
      open_reports: 1,
      by_reason: { not_basketball: 1, spam: 0 },
      reports: [{ reason: 'not_basketball', details: 'Es fútbol' }],
    });
  });
});

describe('hiding a video', () => {
  it('takes it out of the gallery and the ranking at once, refuses votes on it, and restore brings it back with its votes', async () => {
    const [owner, fan, reporter] = [await voter('Oculta'), await voter(), await voter()];
    const videoId = await insertVideo(api.testDb.db, owner.id, 'processed', 'Clavada');
    expect((await vote(videoId, fan)).statusCode).toBe(200);
    await report(videoId, reporter, { reason: 'inappropriate' });
    await votesTallied(api.testDb.db);
    expect(await galleryIds()).toContain(videoId);
    expect((await ranking()).map((row: { username: string }) => row.username)).toContain('Ana Oculta');

    const hidden = await inject('POST', `/api/admin/videos/${videoId}/hide`, organiser.auth, {
      reason: 'Contenido ajeno',
    });
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json()).toMatchObject({ video_id: videoId, status: 'hidden', hidden_reason: 'Contenido ajeno' });
    expect(await galleryIds()).not.toContain(videoId);
    expect((await ranking()).map((row: { username: string }) => row.username)).not.toContain('Ana Oculta');
    expect((await vote(videoId, await voter())).statusCode).toBe(404);
    const queue = await inject('GET', '/api/admin/reports', organiser.auth);
    expect(queue.json().map((v: { video_id: string }) => v.video_id)).not.toContain(videoId);

    const own = await inject('GET', '/api/videos', owner.auth);
    expect(own.json()).toEqual([
      expect.objectContaining({ video_id: videoId, status: 'hidden', hidden_reason: 'Contenido ajeno' }),
    ]);
    const detail = await inject('GET', `/api/videos/${videoId}`, owner.auth);
    expect(detail.json()).toMatchObject({ status: 'hidden', hidden_reason: 'Contenido ajeno', votes: 1 });
    const remove = await api.app.inject({ method: 'DELETE', url: `/api/videos/${videoId}`, headers: owner.auth });
    expect(remove.statusCode).toBe(400);

    const restored = await inject('POST', `/api/admin/videos/${videoId}/restore`, organiser.auth, {});
    expect(restored.json()).toEqual({ video_id: videoId, status: 'processed', hidden_reason: null, hidden_at: null });
    expect(await galleryIds()).toContain(videoId);
    const back = (await inject('GET', '/api/public/videos?city=Medellín&limit=100')).json();
    expect(back.find((v: { video_id: string }) => v.video_id === videoId).votes).toBe(1);
    expect(await countersUnlikeRows(api.testDb.db)).toEqual([]);
  });

  it('answers 400 for what cannot be hidden or restored, 404 for unknown videos', async () => {
    const owner = await voter();
    const processing = await insertVideo(api.testDb.db, owner.id, 'processing');
    const hide = await inject('POST', `/api/admin/videos/${processing}/hide`, organiser.auth, { reason: 'x' });
    expect(hide.json().code).toBe('VIDEO_NOT_PUBLISHED');
    const restore = await inject('POST', `/api/admin/videos/${processing}/restore`, organiser.auth, {});
    expect(restore.json().code).toBe('VIDEO_NOT_HIDDEN');
    const unknown = await inject('POST', `/api/admin/videos/${newId()}/hide`, organiser.auth, { reason: 'x' });
    expect(unknown.statusCode).toBe(404);
    const noReason = await inject('POST', `/api/admin/videos/${processing}/hide`, organiser.auth, { reason: '' });
    expect(noReason.json().code).toBe('VALIDATION_ERROR');
  });
});

describe('suspending an account', () => {
  it('refuses its login, votes and uploads with 403 ACCOUNT_SUSPENDED; void_votes uncounts its votes until reinstated', async () => {
    const [owner, fraud] = [await voter(), await voter()];
    const videoId = await insertVideo(api.testDb.db, owner.id, 'processed');
    expect((await vote(videoId, fraud)).statusCode).toBe(200);
    await votesTallied(api.testDb.db);

    const found = await inject(
      'GET',
      `/api/admin/users?email=${encodeURIComponent(fraud.email.toUpperCase())}`,
      organiser.auth,
    );
    expect(found.json()).toEqual([
      expect.objectContaining({ user_id: fraud.id, suspended_at: null, email_verified: true }),
    ]);

    const suspended = await inject('POST', `/api/admin/users/${fraud.id}/suspend`, organiser.auth, {
      reason: 'Votos comprados',
      void_votes: true,
    });
    expect(suspended.json()).toMatchObject({
      user_id: fraud.id,
      suspension_reason: 'Votos comprados',
      votes_voided: true,
    });
    const counted = (await inject('GET', '/api/public/videos?city=Medellín&limit=100')).json();
    expect(counted.find((v: { video_id: string }) => v.video_id === videoId).votes).toBe(0);

    const login = await inject('POST', '/api/auth/login', undefined, { email: fraud.email, password: 'StrongPass123' });
    expect(login.statusCode).toBe(403);
    expect(login.json()).toMatchObject({ code: 'ACCOUNT_SUSPENDED' });
    const again = await vote(await insertVideo(api.testDb.db, owner.id, 'processed'), fraud);
    expect(again.json().code).toBe('ACCOUNT_SUSPENDED');
    const upload = await inject('POST', '/api/uploads', fraud.auth);
    expect(upload.json().code).toBe('ACCOUNT_SUSPENDED');
    const twice = await inject('POST', `/api/admin/users/${fraud.id}/suspend`, organiser.auth, {
      reason: 'x',
      void_votes: false,
    });
    expect(twice.json().code).toBe('ALREADY_SUSPENDED');

    const reinstated = await inject('POST', `/api/admin/users/${fraud.id}/reinstate`, organiser.auth, {});
    expect(reinstated.json()).toMatchObject({ suspended_at: null, votes_voided: false });
    const recounted = (await inject('GET', '/api/public/videos?city=Medellín&limit=100')).json();
    expect(recounted.find((v: { video_id: string }) => v.video_id === videoId).votes).toBe(1);
    expect((await inject('POST', `/api/admin/users/${fraud.id}/reinstate`, organiser.auth, {})).json().code).toBe(
      'NOT_SUSPENDED',
    );
    await votesTallied(api.testDb.db);
    expect(await countersUnlikeRows(api.testDb.db)).toEqual([]);
  });

  it('refuses an organiser suspending themselves, and unknown accounts with 404', async () => {
    const self = await inject('POST', `/api/admin/users/${organiser.id}/suspend`, organiser.auth, {
      reason: 'x',
      void_votes: false,
    });
    expect(self.json().code).toBe('CANNOT_SUSPEND_SELF');
    const unknown = await inject('POST', `/api/admin/users/${newId()}/suspend`, organiser.auth, {
      reason: 'x',
      void_votes: false,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('USER_NOT_FOUND');
  });
});
