import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { newVoter } from '@anb/testing/mailbox';
import { newOrganiser } from '@anb/testing/organisers';
import { newPlayer, type Player } from '@anb/testing/players';
import { insertVideo } from '@anb/testing/rows';
import { votesTallied } from '@anb/testing/votes';
import { startTestApi, type TestApi } from './support/test-api.ts';

let api: TestApi;
let organiser: Player;
beforeAll(async () => {
  api = await startTestApi({ VOTE_REQUIRES_VERIFIED_EMAIL: 'false' });
  organiser = await newOrganiser(api.app, api.testDb.db);
});
afterAll(() => api.close());

const get = (url: string) => api.app.inject({ method: 'GET', url, headers: organiser.auth });
const vote = (videoId: string, who: Player) =>
  api.app.inject({ method: 'POST', url: `/api/public/videos/${videoId}/vote`, headers: who.auth });
const from = (address: string) => ({ peer: address });

describe('results', () => {
  it('ranks each city with each player’s best visible video, as a table and as a CSV Excel opens', async () => {
    const city = 'Cúcuta';
    const leader = await newVoter(api.app, api.testDb.db, { city, first_name: 'Íñigo', last_name: 'Núñez' });
    const second = await newVoter(api.app, api.testDb.db, { city, first_name: '=Suma', last_name: 'Zoe' });
    const best = await insertVideo(api.testDb.db, leader.id, 'processed', 'Triple; "imposible"');
    const other = await insertVideo(api.testDb.db, leader.id, 'processed', 'Bandeja');
    const secondVideo = await insertVideo(api.testDb.db, second.id, 'processed', 'Pase');
    const fans = await Promise.all([1, 2, 3].map(() => newPlayer(api.app, { city })));
    for (const fan of fans) expect((await vote(best, fan)).statusCode).toBe(200);
    await vote(other, fans[0]!);
    await vote(secondVideo, fans[0]!);
    await votesTallied(api.testDb.db);

    const table = await get('/api/admin/results');
    expect(table.statusCode).toBe(200);
    const cucuta = table.json().cities.find((c: { city: string }) => c.city === city);
    expect(table.json().status).toBe('provisional');
    expect(cucuta.players).toEqual([
      expect.objectContaining({ position: 1, player: 'Íñigo Núñez', video_id: best, votes: 3 }),
      expect.objectContaining({ position: 2, player: '=Suma Zoe', video_id: secondVideo, votes: 1 }),
    ]);
    expect(cucuta.players[0].video_url).toMatch(new RegExp(`/v/${best}$`));
    // The link opens the video's own page.
    const page = await api.app.inject({ method: 'GET', url: new URL(cucuta.players[0].video_url).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('og:title');

    const csv = await get('/api/admin/results.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="resultados-provisionales.csv"');
    const bytes = csv.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('"Posición";"Jugador";"Correo";"Ciudad";"Video";"Enlace";"Votos";"Estado"');
    const leaderLine = lines.find((line) => line.includes('Íñigo Núñez'));
    expect(leaderLine).toContain('"Triple; ""imposible"""');
    expect(leaderLine).toMatch(/"3";"PROVISIONAL"$/);
    // A cell starting with = would run as a formula in a spreadsheet.
    expect(lines.find((line) => line.includes('Suma'))).toContain(`"'=Suma`);
  });

  it('is final, and says so, once voting has closed', async () => {
    const past = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();
    const calendar = (uploads: string | null, voting: string | null) =>
      api.app.inject({
        method: 'PUT',
        url: '/api/admin/contest',
        headers: organiser.auth,
        payload: { name: 'ANB', rules: '', selected_per_city: 3, uploads_close_at: uploads, voting_closes_at: voting },
      });
    expect((await calendar(past(2), past(1))).statusCode).toBe(200);
    onTestFinished(async () => {
      await calendar(null, null);
    });
    expect((await get('/api/admin/results')).json().status).toBe('final');
    const csv = await get('/api/admin/results.csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="resultados-finales.csv"');
    expect(csv.body).toMatch(/"FINAL"\r\n$/);
  });
});

describe('a video’s vote profile', () => {
  it('shows new accounts, verified share, votes per hour and sign-up networks, never a full address', async () => {
    const owner = await newVoter(api.app, api.testDb.db);
    const videoId = await insertVideo(api.testDb.db, owner.id, 'processed');
    const burst = await Promise.all(
      ['203.0.113.7', '203.0.113.99', '::ffff:203.0.113.200', '2001:db8:1:2:3:4:5:6'].map((address) =>
        newPlayer(api.app, {}, from(address)),
      ),
    );
    const verified = await newVoter(api.app, api.testDb.db);
    for (const fan of [...burst, verified]) expect((await vote(videoId, fan)).statusCode).toBe(200);

    const profile = await get(`/api/admin/videos/${videoId}/votes`);
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({
      total: 5,
      counted: 5,
      voided: 0,
      verified: 1,
      verified_share: 0.2,
      new_accounts: 5,
      signup_networks: [
        { network: '203.0.113.0/24', votes: 3 },
        // The verified voter signed up from the test's own address.
        { network: '127.0.0.0/24', votes: 1 },
        { network: '2001:db8:1:2::/64', votes: 1 },
      ],
    });
    expect(profile.json().per_hour.reduce((sum: number, h: { votes: number }) => sum + h.votes, 0)).toBe(5);
    const stored = await api.testDb.db
      .selectFrom('users')
      .select('signup_network')
      .where('id', '=', burst[0]!.id)
      .executeTakeFirstOrThrow();
    expect(stored.signup_network).toBe('203.0.113.0/24');
  });
});

describe('the audit log', () => {
  it('lists every organiser action newest first, paginated, and no route changes it', async () => {
    const owner = await newVoter(api.app, api.testDb.db);
    const videoId = await insertVideo(api.testDb.db, owner.id, 'processed');
    await api.app.inject({
      method: 'POST',
      url: `/api/admin/videos/${videoId}/hide`,
      headers: organiser.auth,
      payload: { reason: 'Spam' },
    });
    await api.app.inject({
      method: 'POST',
      url: `/api/admin/videos/${videoId}/restore`,
      headers: organiser.auth,
      payload: { reason: 'Revisado' },
    });

    const page = await get('/api/admin/audit?limit=2');
    expect(Number(page.headers['x-total-count'])).toBeGreaterThanOrEqual(3);
    expect(page.json()).toEqual([
      expect.objectContaining({ action: 'video_restored', target_id: videoId, reason: 'Revisado' }),
      expect.objectContaining({
        action: 'video_hidden',
        target_id: videoId,
        reason: 'Spam',
        details: { handled_reports: 0 },
      }),
    ]);
    expect(page.json()[0].actor).toEqual({ user_id: organiser.id, email: organiser.email.toLowerCase() });
    const id = page.json()[0].id;
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const change = await api.app.inject({ method, url: `/api/admin/audit/${id}`, headers: organiser.auth });
      expect(change.statusCode).toBe(404);
    }
  });
});
