import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@anb/core';
import { newVoter } from '@anb/testing/mailbox';
import { ADMIN_ROUTES, newOrganiser } from '@anb/testing/organisers';
import { startTestApi, type TestApi } from './support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const call = (route: (typeof ADMIN_ROUTES)[number], headers: Record<string, string> = {}) =>
  api.app.inject({ method: route.method, url: route.url(newId()), payload: route.payload, headers });

describe('/api/admin/*', () => {
  it('answers 401 problem+json to every route without a token', async () => {
    for (const route of ADMIN_ROUTES) {
      const answer = await call(route);
      expect(answer.statusCode, `${route.method} ${route.url('x')}`).toBe(401);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 403 FORBIDDEN to a player on every route, whatever the body', async () => {
    const player = await newVoter(api.app, api.testDb.db);
    for (const route of ADMIN_ROUTES) {
      const answer = await call(route, player.auth);
      expect(answer.statusCode, `${route.method} ${route.url('x')}`).toBe(403);
      expect(answer.json()).toMatchObject({
        code: 'FORBIDDEN',
        detail: 'Esta acción es solo para el equipo organizador del concurso.',
      });
    }
    const invalid = await api.app.inject({
      method: 'PUT',
      url: '/api/admin/contest',
      payload: { nonsense: true },
      headers: player.auth,
    });
    expect(invalid.statusCode).toBe(403);
  });

  it('lets an organiser in, and takes a revoked organiser out at once, with the same token', async () => {
    const organiser = await newOrganiser(api.app, api.testDb.db);
    const listing = { method: 'GET' as const, url: () => '/api/admin/audit' };
    expect((await call(listing, organiser.auth)).statusCode).toBe(200);
    const me = await api.app.inject({ method: 'GET', url: '/api/auth/me', headers: organiser.auth });
    expect(me.json().role).toBe('organiser');

    await api.testDb.db.updateTable('users').set({ role: 'player' }).where('id', '=', organiser.id).execute();
    expect((await call(listing, organiser.auth)).statusCode).toBe(403);
    const after = await api.app.inject({ method: 'GET', url: '/api/auth/me', headers: organiser.auth });
    expect(after.json().role).toBe('player');
  });
});
