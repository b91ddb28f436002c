import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe('operations endpoints', () => {
  it('answers liveness without touching dependencies', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('reports ready when database, storage and queue answer', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', checks: { database: 'ok', storage: 'ok', queue: 'ok' } });
  });

  it('answers 503 problem+json naming the dependency that fails', async () => {
    const storage = api.runtime.readiness.find((dependency) => dependency.name === 'storage');
    const original = storage!.check;
    storage!.check = () => Promise.reject(new Error('disk gone'));
    try {
      const response = await api.app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({
        status: 503,
        code: 'NOT_READY',
        detail: expect.stringContaining('storage'),
      });
      expect(response.body).not.toContain('disk gone');
    } finally {
      storage!.check = original;
    }
  });

  it('serves the OpenAPI 3.1 document with every contract path, and its UI at /docs', async () => {
    const document = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/admin/audit',
      '/api/admin/contest',
      '/api/admin/reports',
      '/api/admin/results',
      '/api/admin/results.csv',
      '/api/admin/users',
      '/api/admin/users/{user_id}/reinstate',
      '/api/admin/users/{user_id}/suspend',
      '/api/admin/videos',
      '/api/admin/videos/{video_id}/dismiss-reports',
      '/api/admin/videos/{video_id}/hide',
      '/api/admin/videos/{video_id}/restore',
      '/api/admin/videos/{video_id}/votes',
      '/api/auth/change-password',
      '/api/auth/forgot-password',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/logout-all',
      '/api/auth/me',
      '/api/auth/resend-verification',
      '/api/auth/reset-password',
      '/api/auth/signup',
      '/api/auth/verify-email',
      '/api/contest',
      '/api/health',
      '/api/health/ready',
      '/api/public/cities',
      '/api/public/rankings',
      '/api/public/videos',
      '/api/public/videos/{video_id}',
      '/api/public/videos/{video_id}/report',
      '/api/public/videos/{video_id}/vote',
      '/api/upload-rules',
      '/api/uploads',
      '/api/uploads/{upload_id}',
      '/api/videos',
      '/api/videos/upload',
      '/api/videos/{video_id}',
    ]);
    expect(
      document.paths['/api/videos/upload'].post.requestBody.content['multipart/form-data'].schema.required,
    ).toEqual(['video_file', 'title']);
    const resumable = document.paths['/api/uploads/{upload_id}'];
    expect(Object.keys(resumable.patch.responses['204'].headers)).toContain('Video-Id');
    expect(resumable.patch.responses['400'].content['application/problem+json'].schema.$ref).toBe(
      '#/components/schemas/Problem',
    );
    expect(document.components.schemas.Problem).toBeDefined();
    const ui = await api.app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 404, title: 'Not Found', code: 'NOT_FOUND' });
  });

  it('answers a path it cannot decode with a 400 problem', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/videos/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 400,
      code: 'BAD_URL',
      detail: 'La dirección solicitada no es válida.',
    });
  });

  it('sets security headers', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
