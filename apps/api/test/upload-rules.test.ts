import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPlayer } from '@anb/testing/players';
import { startTestApi, type TestApi } from './support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({
    UPLOAD_MAX_BYTES: String(50 * 1024 * 1024),
    VIDEO_MIN_SECONDS: '15',
    VIDEO_MAX_SECONDS: '90',
    VIDEO_MIN_SHORT_SIDE: '720',
  });
});
afterAll(() => api?.close());

describe('GET /api/upload-rules', () => {
  it('answers the configured rules, without a token, cacheable', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/upload-rules' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.json()).toEqual({
      accepted_types: ['video/mp4'],
      max_bytes: 50 * 1024 * 1024,
      min_seconds: 15,
      max_seconds: 90,
      min_short_side: 720,
      title_max_length: 200,
      summary: 'MP4 de 15 a 90 segundos, 720p o más (el lado corto de al menos 720 px), hasta 50 MB.',
    });
  });

  it('names the same configured maximum the upload endpoint refuses by', async () => {
    const rules = (await api.app.inject({ method: 'GET', url: '/api/upload-rules' })).json();
    const player = await newPlayer(api.app);
    const refused = await api.app.inject({
      method: 'POST',
      url: '/api/videos/upload',
      headers: { ...player.auth, 'content-type': 'multipart/form-data; boundary=x' },
      payload: Buffer.alloc(rules.max_bytes + 1024 * 1024),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'FILE_TOO_LARGE',
      detail: expect.stringContaining('máximo de 50 MB'),
    });
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(document.paths['/api/upload-rules'].get.responses['200']).toBeDefined();
  });
});
