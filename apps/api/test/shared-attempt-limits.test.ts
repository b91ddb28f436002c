import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@anb/core';
import { createDatabase } from '@anb/db';
import { createTestRuntime, type TestRuntime } from '@anb/testing/runtime';
import { newPlayer, signupBody, type Origin, type Player } from '@anb/testing/players';
import { insertVideo } from '@anb/testing/rows';
import { createApi } from '../src/create-api.ts';

/**
 * Two API processes behind one load balancer, as in production: two apps, each with its own connection pool,
 * over one PostgreSQL. A limit counts attempts wherever they arrive.
 */
let shared: TestRuntime;
let apiA: FastifyInstance;
let apiB: FastifyInstance;
let closePoolB: () => Promise<void>;

beforeAll(async () => {
  shared = await createTestRuntime({
    RATE_LIMIT_AUTH_MAX: '3',
    VOTE_RATE_PER_ACCOUNT: '3',
    VOTE_RATE_PER_CLIENT: '5',
    VOTE_REQUIRES_VERIFIED_EMAIL: 'false',
  });
  const poolB = createDatabase({ connectionString: shared.testDb.connectionString, poolMax: 2 });
  closePoolB = () => poolB.destroy();
  apiA = await createApi(shared.config, shared.runtime);
  apiB = await createApi(shared.config, { ...shared.runtime, db: poolB });
  await Promise.all([apiA.ready(), apiB.ready()]);
});
afterAll(async () => {
  await apiA?.close();
  await apiB?.close();
  await closePoolB?.();
  await shared?.close();
});

let clients = 0;
/** A client address of its own, so one test's attempts never count in another's. */
const newClient = (): Origin => ({ peer: `198.51.100.${++clients}` });

const signUp = (api: FastifyInstance, from: Origin) =>
  api.inject({ method: 'POST', url: '/api/auth/signup', remoteAddress: from.peer, payload: signupBody() });

const vote = (api: FastifyInstance, videoId: string, voter: Player, from: Origin) =>
  api.inject({
    method: 'POST',
    url: `/api/public/videos/${videoId}/vote`,
    remoteAddress: from.peer,
    headers: voter.auth,
  });

describe('sign-ups through two API processes', () => {
  it('share one limit per client: three through A, the fourth through B is refused', async () => {
    const client = newClient();
    for (let i = 0; i < 3; i++) expect((await signUp(apiA, client)).statusCode).toBe(201);

    const refused = await signUp(apiB, client);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // And A sees B's attempt too.
    expect((await signUp(apiA, client)).statusCode).toBe(429);
    // Another client is not affected.
    expect((await signUp(apiB, newClient())).statusCode).toBe(201);
  });
});

describe('votes through two API processes', () => {
  let star: Player;
  let published: string;
  beforeAll(async () => {
    star = await newPlayer(apiA, {}, newClient());
    published = await insertVideo(shared.testDb.db, star.id, 'processed');
  });

  it('count every attempt of an account, refused ones too, wherever it arrives', async () => {
    const voter = await newPlayer(apiB, {}, newClient());
    const starVideo = await insertVideo(shared.testDb.db, voter.id, 'processed');
    // A missing video, the voter's own video and a duplicate: refused, and counted.
    expect((await vote(apiA, newId(), voter, newClient())).statusCode).toBe(404);
    expect((await vote(apiB, starVideo, voter, newClient())).statusCode).toBe(400);
    expect((await vote(apiA, published, voter, newClient())).statusCode).toBe(200);

    const refused = await vote(apiB, published, voter, newClient());
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 429, code: 'VOTE_LIMIT' });
    expect(refused.json().detail).toMatch(/^Alcanzaste el límite de 3 votos cada 1 min\. Intenta de nuevo en /);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('count every attempt from one client address, whatever the accounts', async () => {
    const office = newClient();
    const voters = await Promise.all([1, 2, 3, 4, 5, 6].map(() => newPlayer(apiA, {}, newClient())));
    const statuses = [];
    for (const [i, voter] of voters.entries()) {
      statuses.push((await vote(i % 2 === 0 ? apiA : apiB, published, voter, office)).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await vote(apiB, published, voters[5] as Player, newClient())).statusCode).toBe(200);
  });

  it('count attempts without a valid token against the address', async () => {
    const script = newClient();
    const anonymous = { auth: { authorization: 'Bearer not-a-token' } } as Player;
    for (let i = 0; i < 5; i++) expect((await vote(apiA, published, anonymous, script)).statusCode).toBe(401);
    expect((await vote(apiB, published, anonymous, script)).statusCode).toBe(429);
  });
});
