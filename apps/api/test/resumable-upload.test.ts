import { randomBytes } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '@anb/testing/runtime';
import { createApi } from '../src/create-api.ts';
import { audioOnlyFixture, validLandscape } from '@anb/testing/mp4';
import { newPlayer, type Player } from '@anb/testing/players';
import { tusUpload, tusUploadFirstChunk } from './support/tus-client.ts';

/** Two API processes over one database and one data folder, as behind the load balancer. */
let shared: TestRuntime;
let first: { app: FastifyInstance; origin: string };
let second: { app: FastifyInstance; origin: string };
let player: Player;
let stranger: Player;

async function startInstance(env: Record<string, string>) {
  const app = await createApi({ ...shared.config, ...env }, shared.runtime);
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, origin };
}

beforeAll(async () => {
  // One player leaves many uploads unfinished here; the limit on them has its own test (unfinished-uploads.test.ts).
  shared = await createTestRuntime({
    UPLOAD_MAX_BYTES: String(20 * 1024 * 1024),
    UPLOAD_RESUMABLE_MAX_UNFINISHED: '100',
  });
  first = await startInstance({});
  second = await startInstance({});
  player = await newPlayer(first.app);
  stranger = await newPlayer(first.app);
});
afterAll(async () => {
  await first?.app.close();
  await second?.app.close();
  await shared?.close();
});

const tusHeaders = (auth = player.auth) => ({ 'tus-resumable': '1.0.0', ...auth });
const resumableDir = () => path.join(shared.dataDir, 'resumable');
const idOf = (url: string) => new URL(url).pathname.split('/').pop() as string;
/** What is left of an upload in the resumable folder, and anything in the scratch folder. */
const leftovers = async (url: string) => [
  ...(await readdir(resumableDir())).filter((name) => name.startsWith(idOf(url))),
  ...(await readdir(path.join(shared.dataDir, 'tmp'))),
];
const videoRows = () => shared.testDb.db.selectFrom('videos').selectAll().execute();
/** The other instance's URL for the same upload: what the load balancer does to a resumed upload. */
const through = (instance: { origin: string }, url: string) => `${instance.origin}${new URL(url).pathname}`;

describe('a tus upload cut half way resumes through another API process', () => {
  it('starts on one process, reports its offset and finishes on the other; 204 with Video-Id', async () => {
    const video = await readFile(await validLandscape());
    const half = Math.ceil(video.length / 2);
    const url = await tusUploadFirstChunk(video, {
      endpoint: `${first.origin}/api/uploads`,
      headers: player.auth,
      metadata: { title: 'Crossover y bandeja', filename: 'jugada.mp4', filetype: 'video/mp4' },
      chunkSize: half,
    });
    expect(url).toMatch(new RegExp(`^${first.origin}/api/uploads/[0-9a-f]{32}$`));

    const head = await fetch(through(second, url), { method: 'HEAD', headers: tusHeaders() });
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(half));
    expect(head.headers.get('upload-length')).toBe(String(video.length));

    const outcome = await tusUpload(video, { uploadUrl: through(second, url), headers: player.auth });

    expect(outcome.status).toBe(204);
    expect(outcome.videoId).toMatch(/^[0-9a-f-]{36}$/);
    const rows = await videoRows();
    expect(rows.find((row) => row.id === outcome.videoId)).toMatchObject({
      owner_id: player.id,
      title: 'Crossover y bandeja',
      status: 'uploaded',
    });
    expect(await shared.queuedVideoIds()).toContain(outcome.videoId);
    const stored = await readFile(path.join(shared.dataDir, 'objects', 'uploaded', `${outcome.videoId}.mp4`));
    expect(stored.equals(video)).toBe(true);
    // The finished upload leaves nothing in the resumable folder.
    expect(await leftovers(url)).toEqual([]);
    expect((await fetch(through(first, url), { method: 'HEAD', headers: tusHeaders() })).status).toBe(404);
  });
});

describe('the finished file is checked like a multipart upload', () => {
  it('answers a refused file 400 problem+json with the multipart code and detail, and leaves nothing', async () => {
    const before = (await videoRows()).length;
    const outcome = await tusUpload(await readFile(await audioOnlyFixture(25)), {
      endpoint: `${first.origin}/api/uploads`,
      headers: player.auth,
      metadata: { title: 'Sin imagen' },
    });

    expect(outcome.status).toBe(400);
    const problem = JSON.parse(outcome.body);
    expect(problem).toMatchObject({ status: 400, code: 'UNSUPPORTED_TYPE' });
    expect(problem.detail).toMatch(/^Error en el archivo \(tipo o tamaño inválido\)/);
    expect((await videoRows()).length).toBe(before);
    expect(await leftovers(outcome.url)).toEqual([]);
  });

  it('refuses bytes that are not a video with the same answer as multipart', async () => {
    const outcome = await tusUpload(randomBytes(64 * 1024), {
      endpoint: `${first.origin}/api/uploads`,
      headers: player.auth,
      metadata: { title: 'Ruido' },
    });
    expect(outcome.status).toBe(400);
    expect(JSON.parse(outcome.body).code).toBe('UNSUPPORTED_TYPE');
    expect(await leftovers(outcome.url)).toEqual([]);
  });
});

describe('creation', () => {
  const create = (headers: Record<string, string>) =>
    fetch(`${first.origin}/api/uploads`, { method: 'POST', headers: { ...tusHeaders(), ...headers } });
  const metadata = (title: string) => `title ${Buffer.from(title).toString('base64')}`;

  it('answers 201 with a relative Location, whatever Host says, and an expiry 24 h ahead', async () => {
    const response = await create({
      'upload-length': '1000',
      'upload-metadata': metadata('Tiro libre'),
      host: 'evil.example',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toMatch(/^\/api\/uploads\/[0-9a-f]{32}$/);
    const expires = Date.parse(response.headers.get('upload-expires') as string);
    expect(expires - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    expect(expires - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);
  });

  it('answers 413 problem+json above Tus-Max-Size', async () => {
    const response = await create({
      'upload-length': String(20 * 1024 * 1024 + 1),
      'upload-metadata': metadata('Grande'),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      status: 413,
      code: 'FILE_TOO_LARGE',
      detail: 'Error en el archivo (tipo o tamaño inválido): el archivo supera el máximo de 20 MB.',
    });
  });

  it('refuses an empty file at creation, as the multipart endpoint does, and keeps nothing', async () => {
    const uploadsBefore = (await readdir(resumableDir())).length;
    const videosBefore = (await videoRows()).length;
    const response = await create({ 'upload-length': '0', 'upload-metadata': metadata('Vacío') });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'MISSING_FIELD',
      detail: 'Error en el archivo (tipo o tamaño inválido): el archivo de video (campo video_file) está vacío.',
    });
    expect((await readdir(resumableDir())).length).toBe(uploadsBefore);
    expect((await videoRows()).length).toBe(videosBefore);
  });

  it('refuses an empty file with the empty-file text even when the title is missing too', async () => {
    const response = await create({ 'upload-length': '0' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'MISSING_FIELD',
      detail: 'Error en el archivo (tipo o tamaño inválido): el archivo de video (campo video_file) está vacío.',
    });
  });

  it('answers with a reason phrase in the status line, as HTTP/1.1 clients print it', async () => {
    const { port } = new URL(first.origin);
    const socket = connect(Number(port), '127.0.0.1');
    const title = Buffer.from('Con frase').toString('base64');
    // Connection: close: the server closes once it has answered, which ends the loop below.
    socket.write(
      `POST /api/uploads HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n` +
        `Authorization: ${player.auth.authorization}\r\nTus-Resumable: 1.0.0\r\nUpload-Length: 10\r\n` +
        `Upload-Metadata: title ${title}\r\n\r\n`,
    );
    const chunks: Buffer[] = [];
    for await (const chunk of socket) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toMatch(/^HTTP\/1\.1 201 Created\r\n/);
  });

  it('advertises the limit and the extensions on OPTIONS', async () => {
    const response = await fetch(`${first.origin}/api/uploads`, { method: 'OPTIONS', headers: tusHeaders() });
    expect(response.headers.get('tus-max-size')).toBe(String(20 * 1024 * 1024));
    expect(response.headers.get('tus-version')).toBe('1.0.0');
    expect(response.headers.get('tus-extension')).toMatch(/creation.*termination.*expiration/);
  });

  it('needs the title, with the multipart rules', async () => {
    const uploadsBefore = (await readdir(resumableDir())).length;
    const missing = await create({ 'upload-length': '1000', 'upload-metadata': 'filename YS5tcDQ=' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      code: 'MISSING_FIELD',
      detail: 'Falta el título del video (campo title).',
    });
    const tooLong = await create({ 'upload-length': '1000', 'upload-metadata': metadata('x'.repeat(201)) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ code: 'VALIDATION_ERROR', errors: [{ path: 'title' }] });
    expect((await readdir(resumableDir())).length).toBe(uploadsBefore);
  });

  it('needs the bearer token', async () => {
    const response = await create({ authorization: '', 'upload-length': '1000', 'upload-metadata': metadata('x') });
    expect(response.status).toBe(401);
  });
});

describe('an upload belongs to its creator', () => {
  it('is unknown (404) to another player, for HEAD, PATCH and DELETE', async () => {
    const url = await tusUploadFirstChunk(randomBytes(2048), {
      endpoint: `${first.origin}/api/uploads`,
      headers: player.auth,
      metadata: { title: 'Mío' },
      chunkSize: 1024,
    });
    const asStranger = tusHeaders(stranger.auth);
    expect((await fetch(url, { method: 'HEAD', headers: asStranger })).status).toBe(404);
    const patch = await fetch(url, {
      method: 'PATCH',
      headers: { ...asStranger, 'upload-offset': '1024', 'content-type': 'application/offset+octet-stream' },
      body: randomBytes(1024),
    });
    expect(patch.status).toBe(404);
    expect(await patch.json()).toMatchObject({ code: 'UPLOAD_NOT_FOUND' });
    expect((await fetch(url, { method: 'DELETE', headers: asStranger })).status).toBe(404);
    expect((await fetch(url, { method: 'HEAD', headers: tusHeaders() })).headers.get('upload-offset')).toBe('1024');
  });

  it('is terminated by its creator (DELETE 204), leaving nothing', async () => {
    const url = await tusUploadFirstChunk(randomBytes(2048), {
      endpoint: `${first.origin}/api/uploads`,
      headers: player.auth,
      metadata: { title: 'Me arrepiento' },
      chunkSize: 1024,
    });
    expect((await fetch(through(second, url), { method: 'DELETE', headers: tusHeaders() })).status).toBe(204);
    expect((await fetch(url, { method: 'HEAD', headers: tusHeaders() })).status).toBe(404);
    expect(await leftovers(url)).toEqual([]);
  });
});

describe('a PATCH body', () => {
  it.each([['text/plain'], ['application/octet-stream'], [undefined]])(
    'sent as %s is refused 415 problem+json, as tus 1.0 says, and the upload keeps its offset',
    async (contentType) => {
      const created = await fetch(`${first.origin}/api/uploads`, {
        method: 'POST',
        headers: { ...tusHeaders(), 'upload-length': '4', 'upload-metadata': 'title eA==' },
      });
      const url = `${first.origin}${created.headers.get('location')}`;
      const response = await fetch(url, {
        method: 'PATCH',
        headers: { ...tusHeaders(), 'upload-offset': '0', ...(contentType ? { 'content-type': contentType } : {}) },
        body: contentType ? new Blob(['abcd'], { type: contentType }) : new Uint8Array([1, 2, 3, 4]),
      });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        detail: 'El cuerpo de PATCH debe enviarse como application/offset+octet-stream.',
      });
      const head = await fetch(url, { method: 'HEAD', headers: tusHeaders() });
      expect(head.headers.get('upload-offset')).toBe('0');
    },
  );
});

describe('unfinished uploads expire', () => {
  it('refuses an expired upload (410) and the sweep removes it', async () => {
    const url = await tusUploadFirstChunk(randomBytes(2048), {
      endpoint: `${first.origin}/api/uploads`,
      headers: player.auth,
      metadata: { title: 'Olvidado' },
      chunkSize: 1024,
    });
    const stateFile = path.join(resumableDir(), `${idOf(url)}.json`);
    const state = JSON.parse(await readFile(stateFile, 'utf8'));
    state.creation_date = new Date(Date.now() - 25 * 3600 * 1000).toISOString();
    await writeFile(stateFile, JSON.stringify(state));

    const patch = await fetch(url, {
      method: 'PATCH',
      headers: { ...tusHeaders(), 'upload-offset': '1024', 'content-type': 'application/offset+octet-stream' },
      body: randomBytes(1024),
    });
    expect(patch.status).toBe(410);
    expect(await patch.json()).toMatchObject({ code: 'UPLOAD_EXPIRED' });

    // A restart runs the sweep at once.
    const restarted = await startInstance({});
    await restarted.app.ready();
    await expect.poll(() => leftovers(url)).toEqual([]);
    await restarted.app.close();
  });
});

describe('CORS', () => {
  it('lets a page send the tus request headers and read the tus answer headers', async () => {
    const preflight = await fetch(`${first.origin}/api/uploads/0123456789abcdef0123456789abcdef`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,tus-resumable,upload-offset,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/PATCH/);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/upload-offset/i);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/tus-resumable/i);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');

    const created = await fetch(`${first.origin}/api/uploads`, {
      method: 'POST',
      headers: {
        ...tusHeaders(),
        origin: 'http://localhost:5173',
        'upload-length': '10',
        'upload-metadata': 'title eA==',
      },
    });
    const exposed = (created.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    const names = exposed.split(',').map((name) => name.trim());
    expect(names.length).toBe(new Set(names).size);
    for (const header of [
      'location',
      'upload-offset',
      'upload-length',
      'tus-resumable',
      'upload-expires',
      'video-id',
    ]) {
      expect(exposed).toContain(header);
    }
  });
});
