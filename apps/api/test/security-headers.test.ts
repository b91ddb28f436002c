import http from 'node:http';
import type { AddressInfo } from 'node:net';
import helmet from 'helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityPolicy } from '../src/http/security-policy.ts';
import { startTestApi, type TestApi } from './support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/** What helmet itself puts on an answer of a plain Node server for the same policy. */
async function helmetsOwnHeaders(): Promise<Record<string, string>> {
  const applyHelmet = helmet(securityPolicy(api.config.PUBLIC_BASE_URL));
  const server = http.createServer((request, response) => applyHelmet(request, response, () => response.end('ok')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await response.arrayBuffer();
    const ignored = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
    return Object.fromEntries([...response.headers].filter(([name]) => !ignored.has(name)));
  } finally {
    server.close();
  }
}

describe('security headers', () => {
  it('puts on every answer exactly the headers helmet sets for the policy, worked out once', async () => {
    const expected = await helmetsOwnHeaders();
    expect(expected['content-security-policy']).toContain(
      `img-src 'self' data: blob: https: ${api.config.PUBLIC_BASE_URL}`,
    );
    expect(expected['cross-origin-resource-policy']).toBe('cross-origin');

    for (const url of ['/api/health', '/api/public/rankings', '/api/no-such-route']) {
      const response = await api.app.inject({ method: 'GET', url });
      for (const [name, value] of Object.entries(expected))
        expect(response.headers[name], `${url} ${name}`).toBe(value);
    }
  });
});
