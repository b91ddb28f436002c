import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '@anb/testing/runtime';
import { validLandscape } from '@anb/testing/mp4';
import { newPlayer, type Player } from '@anb/testing/players';
import { createApi } from '../src/create-api.ts';
import { tusUpload } from './support/tus-client.ts';

let shared: TestRuntime;
let app: FastifyInstance;
let origin: string;

beforeAll(async () => {
  shared = await createTestRuntime({ UPLOAD_RESUMABLE_MAX_UNFINISHED: '2' });
  app = await createApi(shared.config, shared.runtime);
  origin = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await shared?.close();
});

const create = (player: Player) =>
  fetch(`${origin}/api/uploads`, {
    method: 'POST',
    headers: { 'tus-resumable': '1.0.0', 'upload-length': '4096', 'upload-metadata': 'title eA==', ...player.auth },
  });
const cancel = (player: Player, location: string) =>
  fetch(`${origin}${location}`, { method: 'DELETE', headers: { 'tus-resumable': '1.0.0', ...player.auth } });

async function expectRefused(response: Response) {
  expect(response.status).toBe(429);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(await response.json()).toMatchObject({
    status: 429,
    code: 'UNFINISHED_UPLOADS_LIMIT',
    detail: 'Ya tienes 2 subidas sin terminar: termina o cancela una antes de empezar otra.',
  });
}

describe('unfinished resumable uploads per player', () => {
  it('refuses one more than UPLOAD_RESUMABLE_MAX_UNFINISHED; a cancelled one frees its place', async () => {
    const player = await newPlayer(app);
    const first = await create(player);
    expect(first.status).toBe(201);
    expect((await create(player)).status).toBe(201);
    await expectRefused(await create(player));
    // Another player has places of their own.
    expect((await create(await newPlayer(app))).status).toBe(201);

    expect((await cancel(player, first.headers.get('location') as string)).status).toBe(204);
    expect((await create(player)).status).toBe(201);
    await expectRefused(await create(player));
  });

  it('frees the place of a finished upload', async () => {
    const player = await newPlayer(app);
    expect((await create(player)).status).toBe(201);
    const finished = await tusUpload(await readFile(await validLandscape()), {
      endpoint: `${origin}/api/uploads`,
      headers: player.auth,
      metadata: { title: 'Terminada' },
    });
    expect(finished.status).toBe(204);
    expect((await create(player)).status).toBe(201);
    await expectRefused(await create(player));
  });

  it('frees the place of an expired upload', async () => {
    const player = await newPlayer(app);
    expect((await create(player)).status).toBe(201);
    expect((await create(player)).status).toBe(201);
    await expectRefused(await create(player));
    await sql`update unfinished_uploads set expires_at = now() - interval '1 second' where owner_id = ${player.id}`.execute(
      shared.testDb.db,
    );
    expect((await create(player)).status).toBe(201);
  });
});
