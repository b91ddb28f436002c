import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPlayer, type Player } from '@anb/testing/players';
import { createTestRuntime, type TestRuntime } from '@anb/testing/runtime';
import { createBodies, MiB, mismatch, viaFetch, type Bodies, type Shape } from '@anb/testing/upload-refusals';
import { createApi } from '../src/create-api.ts';

// The organiser's refusals of an upload (uploads closed, account suspended) come before its body is read, like
// those of ADR 24: a client still sending must read them, not a reset. The real app on a socket, Node's fetch.

let testRuntime: TestRuntime;
let app: FastifyInstance;
let api: string;
let bodies: Bodies;

beforeAll(async () => {
  testRuntime = await createTestRuntime();
  app = await createApi(testRuntime.config, testRuntime.runtime, false);
  await app.listen({ port: 0, host: '127.0.0.1' });
  api = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api`;
  bodies = await createBodies(100 * MiB);
});

afterAll(async () => {
  await bodies?.remove();
  await app?.close();
  await testRuntime?.close();
});

const upload = (player: Player): Shape => ({
  method: 'POST',
  url: `${api}/videos/upload`,
  headers: player.auth,
  body: 'multipart',
});

async function expectAnsweredWithFetch(shape: Shape, expected: { status: number; code: string; detail: RegExp }) {
  const twentyMegabytes = bodies.sizes.find((size) => size.bytes === 20 * MiB)!;
  for (const framing of ['declared', 'chunked'] as const) {
    const outcome = await viaFetch(shape, twentyMegabytes.file, framing);
    expect(mismatch(outcome, expected, { closes: true }), framing).toBeUndefined();
  }
}

describe('an upload refused by the organiser’s rules, with Node’s fetch still sending 20 MB', () => {
  it('gets 403 ACCOUNT_SUSPENDED when the account is suspended', async () => {
    const player = await newPlayer(app);
    await testRuntime.testDb.db
      .updateTable('users')
      .set({ suspended_at: new Date(), suspension_reason: 'prueba' })
      .where('id', '=', player.id)
      .execute();
    await expectAnsweredWithFetch(upload(player), { status: 403, code: 'ACCOUNT_SUSPENDED', detail: /suspendida/ });
  });

  it('gets 403 UPLOADS_CLOSED once uploads have closed', async () => {
    const player = await newPlayer(app);
    await testRuntime.testDb.db
      .updateTable('contest')
      .set({ uploads_close_at: new Date(Date.now() - 1000) })
      .execute();
    await expectAnsweredWithFetch(upload(player), { status: 403, code: 'UPLOADS_CLOSED', detail: /cerraron/ });
  });
});
