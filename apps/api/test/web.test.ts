import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/test-api.ts';

let api: TestApi;
let webRoot: string;
beforeAll(async () => {
  webRoot = await mkdtemp(path.join(tmpdir(), 'anb-web-'));
  await mkdir(path.join(webRoot, 'assets'));
  await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>ANB</title>');
  await writeFile(path.join(webRoot, 'assets', 'app.js'), 'console.log("anb")');
  api = await startTestApi({}, webRoot);
});
afterAll(async () => {
  await api.close();
  await rm(webRoot, { recursive: true, force: true });
});

const html = { accept: 'text/html,application/xhtml+xml' };

describe('the web app served by the API', () => {
  it('serves index.html at / and the built assets', async () => {
    const page = await api.app.inject({ method: 'GET', url: '/', headers: html });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>ANB</title>');
    const script = await api.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
  });

  it("answers the app's own paths with index.html so a reload keeps the page", async () => {
    const page = await api.app.inject({ method: 'GET', url: '/rankings?city=Cali', headers: html });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>ANB</title>');
  });

  it.each([['*/*'], ['application/json'], ['']])(
    'answers the pages with HTML whatever the Accept, as link previews ask (%s)',
    async (accept) => {
      for (const url of ['/ranking', '/?ciudad=Cali', '/mis-videos']) {
        const page = await api.app.inject({ method: 'GET', url, headers: accept ? { accept } : {} });
        expect(page.statusCode, url).toBe(200);
        expect(page.headers['content-type'], url).toMatch(/^text\/html/);
      }
    },
  );

  it('never shadows the API: unknown API paths stay 404 problems', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/nope', headers: html });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await api.app.inject({ method: 'GET', url: '/api/health', headers: html })).json()).toEqual({
      status: 'ok',
    });
  });

  it("lets the page play media from PUBLIC_BASE_URL's origin, whatever name it was opened under", async () => {
    const page = await api.app.inject({ method: 'GET', url: '/', headers: { ...html, host: '127.0.0.1:8000' } });
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toMatch(/media-src [^;]*http:\/\/localhost:8000/);
    expect(policy).toMatch(/img-src [^;]*http:\/\/localhost:8000/);
  });

  it('answers a missing asset with 404, not with the page', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/assets/missing.js', headers: { accept: '*/*' } });
    expect(response.statusCode).toBe(404);
  });
});
