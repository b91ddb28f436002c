import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newVoter } from '@anb/testing/mailbox';
import { multipart } from '@anb/testing/multipart';
import { newOrganiser } from '@anb/testing/organisers';
import type { Player } from '@anb/testing/players';
import { insertVideo } from '@anb/testing/rows';
import { startTestApi, type TestApi } from './support/test-api.ts';

let api: TestApi;
let organiser: Player;
beforeAll(async () => {
  api = await startTestApi();
  organiser = await newOrganiser(api.app, api.testDb.db);
});
afterAll(() => api.close());

const HOUR = 60 * 60 * 1000;
/** A whole second from now, as the API writes instants (no milliseconds). */
const at = (offsetMs: number) =>
  new Date(Math.floor((Date.now() + offsetMs) / 1000) * 1000).toISOString().replace('.000Z', 'Z');

function setCalendar(
  dates: { uploads_close_at: string | null; voting_closes_at: string | null },
  auth = organiser.auth,
) {
  return api.app.inject({
    method: 'PUT',
    url: '/api/admin/contest',
    headers: auth,
    payload: {
      name: 'ANB Rising Stars 2027',
      rules: 'Un video por jugada.\nSin audio.',
      selected_per_city: 5,
      ...dates,
    },
  });
}

const contest = async () => (await api.app.inject({ method: 'GET', url: '/api/contest' })).json();

beforeEach(async () => {
  expect((await setCalendar({ uploads_close_at: null, voting_closes_at: null })).statusCode).toBe(200);
});

describe('the contest calendar', () => {
  it('is public, and open with no dates', async () => {
    expect(await contest()).toEqual({
      name: 'ANB Rising Stars 2027',
      rules: 'Un video por jugada.\nSin audio.',
      selected_per_city: 5,
      time_zone: 'America/Bogota',
      uploads_close_at: null,
      voting_closes_at: null,
      phase: 'open',
      next_deadline_at: null,
    });
  });

  it('tells the phase and the next deadline from the dates an organiser sets', async () => {
    const uploadsClose = at(HOUR);
    const answer = await setCalendar({ uploads_close_at: uploadsClose, voting_closes_at: at(2 * HOUR) });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ phase: 'open', next_deadline_at: uploadsClose });

    await setCalendar({ uploads_close_at: at(-HOUR), voting_closes_at: at(HOUR) });
    expect(await contest()).toMatchObject({ phase: 'voting' });
    await setCalendar({ uploads_close_at: at(-2 * HOUR), voting_closes_at: at(-HOUR) });
    expect(await contest()).toMatchObject({ phase: 'closed', next_deadline_at: null });
  });

  it('refuses voting closing before uploads, or a voting date without an uploads date', async () => {
    for (const dates of [
      { uploads_close_at: at(2 * HOUR), voting_closes_at: at(HOUR) },
      { uploads_close_at: null, voting_closes_at: at(HOUR) },
    ]) {
      const answer = await setCalendar(dates);
      expect(answer.statusCode).toBe(400);
      expect(answer.json().code).toBe('INVALID_CALENDAR');
    }
    const badDate = await setCalendar({ uploads_close_at: 'mañana', voting_closes_at: null });
    expect(badDate.json().code).toBe('VALIDATION_ERROR');
  });

  it('closes uploads at once when the date is in the past: multipart and tus get 403 UPLOADS_CLOSED with the date in Bogotá', async () => {
    await setCalendar({ uploads_close_at: '2026-03-01T04:59:00Z', voting_closes_at: null });
    const player = await newVoter(api.app, api.testDb.db);
    const form = multipart([
      { name: 'title', value: 'Tarde' },
      { name: 'video_file', filename: 'a.mp4', contentType: 'video/mp4', value: Buffer.alloc(1024) },
    ]);
    const upload = await api.app.inject({
      method: 'POST',
      url: '/api/videos/upload',
      payload: form.payload,
      headers: { ...form.headers, ...player.auth },
    });
    expect(upload.statusCode).toBe(403);
    expect(upload.json()).toMatchObject({ code: 'UPLOADS_CLOSED' });
    // 04:59 UTC is 23:59 of the day before in Bogotá (UTC-5); ICU versions differ in the words between.
    expect(upload.json().detail).toMatch(/^Las subidas del concurso cerraron el 28 de febrero de 2026\D+23:59 \S+; /);

    const tus = await api.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { ...player.auth, 'tus-resumable': '1.0.0', 'upload-length': '1024' },
    });
    expect(tus.statusCode).toBe(403);
    expect(tus.json().code).toBe('UPLOADS_CLOSED');
    const videos = await api.testDb.db.selectFrom('videos').select('id').where('owner_id', '=', player.id).execute();
    expect(videos).toEqual([]);
  });

  it('closes voting when its date has passed: 403 VOTING_CLOSED, nothing stored, rankings final', async () => {
    const [owner, voter] = [await newVoter(api.app, api.testDb.db), await newVoter(api.app, api.testDb.db)];
    const videoId = await insertVideo(api.testDb.db, owner.id, 'processed');
    await setCalendar({ uploads_close_at: at(-2 * HOUR), voting_closes_at: at(-HOUR) });

    const vote = await api.app.inject({
      method: 'POST',
      url: `/api/public/videos/${videoId}/vote`,
      headers: voter.auth,
    });
    expect(vote.statusCode).toBe(403);
    expect(vote.json().code).toBe('VOTING_CLOSED');
    expect(vote.json().detail).toMatch(/^La votación del concurso cerró el /);
    const stored = await api.testDb.db.selectFrom('votes').select('user_id').where('video_id', '=', videoId).execute();
    expect(stored).toEqual([]);
    const rankings = await api.app.inject({ method: 'GET', url: '/api/public/rankings' });
    expect(rankings.headers['x-ranking-status']).toBe('final');
  });

  it('keeps voting open while only uploads have closed, and records every change in the audit log', async () => {
    const [owner, voter] = [await newVoter(api.app, api.testDb.db), await newVoter(api.app, api.testDb.db)];
    const videoId = await insertVideo(api.testDb.db, owner.id, 'processed');
    await setCalendar({ uploads_close_at: at(-HOUR), voting_closes_at: at(HOUR) });

    const vote = await api.app.inject({
      method: 'POST',
      url: `/api/public/videos/${videoId}/vote`,
      headers: voter.auth,
    });
    expect(vote.statusCode).toBe(200);
    const rankings = await api.app.inject({ method: 'GET', url: '/api/public/rankings' });
    expect(rankings.headers['x-ranking-status']).toBe('provisional');
    const audit = await api.app.inject({ method: 'GET', url: '/api/admin/audit?limit=1', headers: organiser.auth });
    expect(audit.json()[0]).toMatchObject({
      action: 'contest_updated',
      target_type: 'contest',
      actor: { user_id: organiser.id, email: organiser.email.toLowerCase() },
    });
  });
});
