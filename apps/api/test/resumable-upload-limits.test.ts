import { request } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '@anb/testing/runtime';
import { createApi } from '../src/create-api.ts';
import { newPlayer } from '@anb/testing/players';

let shared: TestRuntime;
let app: FastifyInstance;
let origin: string;

beforeAll(async () => {
  shared = await createTestRuntime({ UPLOAD_RATE_MAX: '2', UPLOAD_IDLE_TIMEOUT: '1' });
  app = await createApi(shared.config, shared.runtime);
  origin = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await shared?.close();
});

const creation = (auth: Record<string, string>) =>
  fetch(`${origin}/api/uploads`, {
    method: 'POST',
    headers: { 'tus-resumable': '1.0.0', 'upload-length': '4096', 'upload-metadata': 'title eA==', ...auth },
  });

describe('the per-player upload budget', () => {
  it('counts tus creations and multipart uploads together', async () => {
    const player = await newPlayer(app);
    expect((await creation(player.auth)).status).toBe(201);
    const multipart = await app.inject({
      method: 'POST',
      url: '/api/videos/upload',
      headers: { ...player.auth, 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x--\r\n',
    });
    expect(multipart.statusCode).toBe(400);
    const third = await creation(player.auth);
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({ code: 'UPLOAD_LIMIT' });
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('a PATCH that stalls', () => {
  it('is dropped after UPLOAD_IDLE_TIMEOUT; the bytes that arrived stay and the upload resumes from them', async () => {
    const player = await newPlayer(app);
    const url = `${origin}${(await creation(player.auth)).headers.get('location')}`;

    // Sends 1 KiB of the 4 KiB announced, then nothing: the server closes the connection.
    const closed = new Promise<void>((resolve) => {
      const patch = request(url, {
        method: 'PATCH',
        headers: {
          ...player.auth,
          'tus-resumable': '1.0.0',
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
          'content-length': '4096',
        },
      });
      patch.on('error', () => resolve());
      patch.on('response', (response) => {
        response.resume();
        response.on('close', () => resolve());
      });
      patch.write(Buffer.alloc(1024, 1));
    });
    await closed;

    await expect
      .poll(async () => {
        const head = await fetch(url, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0', ...player.auth } });
        return head.headers.get('upload-offset');
      })
      .toBe('1024');
  });
});
