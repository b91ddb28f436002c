import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/test-api.ts';
import { newPlayer, signupBody, type Origin } from '@anb/testing/players';
import { uploadForm } from '@anb/testing/multipart';
import { validLandscape } from '@anb/testing/mp4';

// The load balancer lives in 10.0.0.0/16; clients come from public addresses.
const LOAD_BALANCER = '10.0.1.20';
const OFFICE = '203.0.113.7';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({
    TRUST_PROXY: '10.0.0.0/16',
    RATE_LIMIT_AUTH_MAX: '3',
    RATE_LIMIT_LOGIN_PER_CLIENT: '8',
    UPLOAD_RATE_MAX: '2',
  });
});
afterAll(() => api.close());

const login = (email: string, password: string, from: Origin) =>
  api.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: from.peer,
    headers: from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {},
    payload: { email, password },
  });

const viaLoadBalancer = (client: string, spoofed?: string): Origin => ({
  peer: LOAD_BALANCER,
  forwardedFor: spoofed ? `${spoofed}, ${client}` : client,
});

describe('the client address behind the load balancer', () => {
  it('ignores X-Forwarded-For from a client that reaches the API directly', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await login('victim@example.com', 'guess', { peer: OFFICE, forwardedFor: `198.51.100.${i}` })).statusCode,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('takes the address the load balancer saw, not the entries a client wrote before it', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await login('target@example.com', 'guess', viaLoadBalancer('198.51.100.77', `192.0.2.${i}`))).statusCode,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('login limits', () => {
  it("counts per client and email: one person's typos do not lock out a colleague at the same address", async () => {
    const colleague = await newPlayer(api.app, {}, viaLoadBalancer('198.51.100.11'));
    const client = viaLoadBalancer('198.51.100.10');
    for (let i = 0; i < 3; i++) expect((await login('typo@example.com', 'wrong', client)).statusCode).toBe(401);
    const locked = await login('typo@example.com', 'wrong', client);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(locked.json()).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

    expect((await login(colleague.email, 'StrongPass123', client)).statusCode).toBe(200);
  });

  it('caps all logins from one client, whatever the emails (credential stuffing)', async () => {
    const client = viaLoadBalancer('198.51.100.20');
    const statuses = [];
    for (let i = 0; i < 9; i++) statuses.push((await login(`stuffed-${i}@example.com`, 'leaked', client)).statusCode);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses[8]).toBe(429);
    // Another client is not affected.
    expect((await login('stuffed-0@example.com', 'leaked', viaLoadBalancer('198.51.100.21'))).statusCode).toBe(401);
  });

  it('counts the email as sent in the body: case and spaces do not make new keys', async () => {
    const client = viaLoadBalancer('198.51.100.30');
    const spellings = ['Case@Example.com', 'case@example.com', ' CASE@example.com '];
    for (const email of spellings) expect((await login(email, 'wrong', client)).statusCode).toBe(401);
    expect((await login('case@EXAMPLE.com', 'wrong', client)).statusCode).toBe(429);
  });
});

describe('signup limit', () => {
  it('limits signups per client, not per forged address', async () => {
    const signup = (spoofed: string) =>
      api.app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        remoteAddress: LOAD_BALANCER,
        headers: { 'x-forwarded-for': `${spoofed}, 198.51.100.40` },
        payload: signupBody(),
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await signup(`192.0.2.${i}`)).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});

describe('upload limit per player', () => {
  it('refuses uploads past UPLOAD_RATE_MAX with its own code and message, for that player only', async () => {
    const [busy, other] = await Promise.all([
      newPlayer(api.app, {}, viaLoadBalancer('198.51.100.50')),
      newPlayer(api.app, {}, viaLoadBalancer('198.51.100.51')),
    ]);
    const form = await uploadForm(await validLandscape());
    const upload = (auth: Record<string, string>) =>
      api.app.inject({
        method: 'POST',
        url: '/api/videos/upload',
        payload: form.payload,
        headers: { ...form.headers, ...auth },
      });
    expect((await upload(busy.auth)).statusCode).toBe(201);
    expect((await upload(busy.auth)).statusCode).toBe(201);
    const third = await upload(busy.auth);
    expect(third.statusCode).toBe(429);
    expect(third.json()).toMatchObject({
      status: 429,
      code: 'UPLOAD_LIMIT',
      detail: expect.stringMatching(
        /^Alcanzaste el límite de 2 videos subidos cada 60 min\. Intenta de nuevo en \d+ min\.$/,
      ),
    });
    expect(await api.queuedVideoIds()).toHaveLength(2);
    expect((await upload(other.auth)).statusCode).toBe(201);
  });
});

describe('TRUST_PROXY=true', () => {
  it('believes one proxy on a private network, and no X-Forwarded-For from anyone else', async () => {
    const legacy = await startTestApi({ TRUST_PROXY: 'true', RATE_LIMIT_AUTH_MAX: '2' });
    try {
      const attempts = async (from: (attempt: number) => Origin) => {
        const statuses = [];
        for (let attempt = 0; attempt < 3; attempt++) {
          const response = await legacy.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            remoteAddress: from(attempt).peer,
            headers: { 'x-forwarded-for': from(attempt).forwardedFor ?? '' },
            payload: { email: 'someone@example.com', password: 'guess' },
          });
          statuses.push(response.statusCode);
        }
        return statuses;
      };
      // A client on the same machine or on the internet rotating the header: still one client.
      expect(await attempts((i) => ({ peer: '127.0.0.1', forwardedFor: `192.0.2.${i}` }))).toEqual([401, 401, 429]);
      expect(await attempts((i) => ({ peer: '203.0.113.9', forwardedFor: `192.0.2.${i}` }))).toEqual([401, 401, 429]);
      // nginx in a container network: the entry it appended is the client; what the client wrote is not.
      expect(await attempts((i) => ({ peer: '172.18.0.5', forwardedFor: `192.0.2.${i}, 198.51.100.60` }))).toEqual([
        401, 401, 429,
      ]);
      expect(await attempts((i) => ({ peer: '172.18.0.5', forwardedFor: `198.51.100.${70 + i}` }))).toEqual([
        401, 401, 401,
      ]);
    } finally {
      await legacy.close();
    }
  });
});
