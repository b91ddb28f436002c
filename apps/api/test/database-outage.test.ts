import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@anb/config';
import { openRuntime, type Runtime } from '@anb/runtime';
import { startStoppablePostgres, type StoppablePostgres } from '@anb/testing/stoppable-postgres';
import { waitFor } from '@anb/testing/wait-for';
import { newId } from '@anb/core';
import { createApi } from '../src/create-api.ts';
import { uploadForm } from '@anb/testing/multipart';
import { validLandscape } from '@anb/testing/mp4';
import { newPlayer, signupBody, type Player } from '@anb/testing/players';

let postgres: StoppablePostgres;
let dataDir: string;
let runtime: Runtime;
let app: FastifyInstance;
let player: Player;

beforeAll(async () => {
  postgres = await startStoppablePostgres();
  dataDir = await mkdtemp(path.join(tmpdir(), 'anb-outage-data-'));
  const config = loadConfig({ DATABASE_URL: postgres.connectionString, DATA_DIR: dataDir, BCRYPT_COST: '4' });
  runtime = await openRuntime(config, () => {});
  app = await createApi(config, runtime);
  player = await newPlayer(app);
});
afterAll(async () => {
  await app?.close();
  await runtime?.close();
  await postgres?.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

describe('while the database is down', () => {
  it('answers 503 problem+json (never 500) and recovers by itself once it is back', async () => {
    const form = await uploadForm(await validLandscape());
    const requests = {
      readiness: () => app.inject({ method: 'GET', url: '/api/health/ready' }),
      rankings: () => app.inject({ method: 'GET', url: '/api/public/rankings?city=Bogot%C3%A1' }),
      publicVideos: () => app.inject({ method: 'GET', url: '/api/public/videos' }),
      login: () =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: player.email, password: 'StrongPass123' },
        }),
      signup: () => app.inject({ method: 'POST', url: '/api/auth/signup', payload: signupBody() }),
      // Its limiters count in the database first: they too answer 503, not 500.
      vote: () => app.inject({ method: 'POST', url: `/api/public/videos/${newId()}/vote`, headers: player.auth }),
      myVideos: () => app.inject({ method: 'GET', url: '/api/videos', headers: player.auth }),
      upload: () =>
        app.inject({
          method: 'POST',
          url: '/api/videos/upload',
          payload: form.payload,
          headers: { ...form.headers, ...player.auth },
        }),
    };

    await postgres.stop();
    for (const [name, send] of Object.entries(requests)) {
      const response = await send();
      expect(response.statusCode, `${name}: ${response.body}`).toBe(503);
      expect(response.headers['content-type'], name).toMatch(/^application\/problem\+json/);
      expect(response.json().detail, name).toMatch(/^El servicio no está/);
    }
    expect((await requests.upload()).headers['retry-after']).toBe('5');

    await postgres.start();
    // No restart of the API: its pool reconnects on the next request.
    await waitFor(async () => ((await requests.readiness()).statusCode === 200 ? true : undefined));
    expect((await requests.rankings()).statusCode).toBe(200);
    expect((await requests.login()).statusCode).toBe(200);
    expect((await requests.myVideos()).statusCode).toBe(200);
    expect((await requests.upload()).statusCode).toBe(201);
  });
});
