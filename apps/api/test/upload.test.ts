import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/test-api.ts';
import { newPlayer, type Player } from '@anb/testing/players';
import { multipart, uploadForm } from '@anb/testing/multipart';
import { audioOnlyFixture, mp4Fixture, validLandscape } from '@anb/testing/mp4';

let api: TestApi;
let player: Player;
beforeAll(async () => {
  api = await startTestApi();
  player = await newPlayer(api.app);
});
afterAll(() => api.close());

const upload = (form: { payload: Buffer; headers: Record<string, string> }, auth = player.auth) =>
  api.app.inject({
    method: 'POST',
    url: '/api/videos/upload',
    payload: form.payload,
    headers: { ...form.headers, ...auth },
  });

async function videoCount(): Promise<number> {
  return (await api.testDb.db.selectFrom('videos').select('id').execute()).length;
}

describe('POST /api/videos/upload accepts a valid video', () => {
  it('answers 201 at once, stores the original, records the video and enqueues its processing', async () => {
    const response = await upload(await uploadForm(await validLandscape(), 'Triple desde media cancha'));

    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      message: 'Video subido correctamente. Procesamiento en curso.',
      task_id: body.video_id,
      video_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const row = await api.testDb.db
      .selectFrom('videos')
      .selectAll()
      .where('id', '=', body.video_id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      owner_id: player.id,
      title: 'Triple desde media cancha',
      status: 'uploaded',
      votes: 0,
    });
    expect(await api.filesOnDisk()).toContain(path.join('objects', 'uploaded', `${body.video_id}.mp4`));
    expect(await api.queuedVideoIds()).toContain(body.video_id);
    const stored = await readFile(path.join(api.dataDir, 'objects', 'uploaded', `${body.video_id}.mp4`));
    expect(stored.equals(await readFile(await validLandscape()))).toBe(true);
  });

  it('accepts a portrait video whose short side is 1080', async () => {
    const portrait = await mp4Fixture({ width: 1080, height: 1920, seconds: 21 });
    expect((await upload(await uploadForm(portrait))).statusCode).toBe(201);
  });

  it('keeps a unicode, SQL-looking title as written and takes the owner from the token only', async () => {
    const title = "Clavada 🏀 ñandú'; DELETE FROM videos;--";
    const form = multipart([
      { name: 'user_id', value: '00000000-0000-7000-8000-000000000000' },
      { name: 'title', value: title },
      { name: 'video_file', filename: 'x.mp4', value: await readFile(await validLandscape()) },
    ]);
    const response = await upload(form);
    expect(response.statusCode).toBe(201);
    const row = await api.testDb.db
      .selectFrom('videos')
      .select(['title', 'owner_id'])
      .where('id', '=', response.json().video_id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ title, owner_id: player.id });
  });

  it('ignores the file name and the declared type: the content decides', async () => {
    const form = multipart([
      { name: 'title', value: 'Sin extensión' },
      {
        name: 'video_file',
        filename: 'clip.bin',
        contentType: 'application/octet-stream',
        value: await readFile(await validLandscape()),
      },
    ]);
    expect((await upload(form)).statusCode).toBe(201);
  });
});

describe('POST /api/videos/upload rejects bad uploads and leaves nothing behind', () => {
  let rowsBefore: number;
  let filesBefore: string[];
  let queuedBefore: string[];

  beforeAll(async () => {
    // Fixtures first, so the "before" snapshot of each test is taken with every fixture on disk.
    await Promise.all([
      validLandscape(),
      mp4Fixture({ width: 1920, height: 1080, seconds: 5 }),
      mp4Fixture({ width: 1920, height: 1080, seconds: 61, fps: 1 }),
      mp4Fixture({ width: 1280, height: 720, seconds: 21 }),
      audioOnlyFixture(21),
    ]);
  });

  async function snapshot() {
    rowsBefore = await videoCount();
    filesBefore = await api.filesOnDisk();
    queuedBefore = await api.queuedVideoIds();
  }

  afterEach(async () => {
    expect(await videoCount()).toBe(rowsBefore);
    expect(await api.filesOnDisk()).toEqual(filesBefore);
    expect(await api.queuedVideoIds()).toEqual(queuedBefore);
  });

  async function expectRejected(form: { payload: Buffer; headers: Record<string, string> }, code: string) {
    await snapshot();
    const response = await upload(form);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, code, detail: expect.stringMatching(/\S/) });
    return response.json();
  }

  it('a PDF renamed .mp4 → UNSUPPORTED_TYPE', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const form = multipart([
      { name: 'title', value: 'PDF' },
      { name: 'video_file', filename: 'video.mp4', contentType: 'video/mp4', value: pdf },
    ]);
    const problem = await expectRejected(form, 'UNSUPPORTED_TYPE');
    expect(problem.detail).toMatch(/^Error en el archivo \(tipo o tamaño inválido\)/);
  });

  it('a truncated MP4 → UNREADABLE_VIDEO', async () => {
    const whole = await readFile(await validLandscape());
    const form = multipart([
      { name: 'title', value: 'Cortado' },
      { name: 'video_file', filename: 'cut.mp4', value: whole.subarray(0, Math.floor(whole.length / 2)) },
    ]);
    await expectRejected(form, 'UNREADABLE_VIDEO');
  });

  it('a 5 s video → DURATION_OUT_OF_RANGE', async () => {
    await expectRejected(
      await uploadForm(await mp4Fixture({ width: 1920, height: 1080, seconds: 5 })),
      'DURATION_OUT_OF_RANGE',
    );
  });

  it('a 61 s video → DURATION_OUT_OF_RANGE', async () => {
    const long = await mp4Fixture({ width: 1920, height: 1080, seconds: 61, fps: 1 });
    await expectRejected(await uploadForm(long), 'DURATION_OUT_OF_RANGE');
  });

  it('a 720p video → RESOLUTION_TOO_LOW', async () => {
    await expectRejected(
      await uploadForm(await mp4Fixture({ width: 1280, height: 720, seconds: 21 })),
      'RESOLUTION_TOO_LOW',
    );
  });

  it('no title → MISSING_FIELD', async () => {
    const form = multipart([{ name: 'video_file', filename: 'a.mp4', value: await readFile(await validLandscape()) }]);
    await expectRejected(form, 'MISSING_FIELD');
  });

  it('no file → MISSING_FIELD', async () => {
    await expectRejected(multipart([{ name: 'title', value: 'Sin archivo' }]), 'MISSING_FIELD');
  });

  it('a file under another field name → MISSING_FIELD naming video_file', async () => {
    const form = multipart([
      { name: 'title', value: 'Campo equivocado' },
      { name: 'video', filename: 'a.mp4', value: await readFile(await validLandscape()) },
    ]);
    const problem = await expectRejected(form, 'MISSING_FIELD');
    expect(problem.detail).toBe(
      'Error en el archivo (tipo o tamaño inválido): falta el archivo de video (campo video_file).',
    );
  });

  it('an empty file → MISSING_FIELD saying it is empty', async () => {
    const form = multipart([
      { name: 'title', value: 'Vacío' },
      { name: 'video_file', filename: 'a.mp4', value: Buffer.alloc(0) },
    ]);
    const problem = await expectRejected(form, 'MISSING_FIELD');
    expect(problem.detail).toBe(
      'Error en el archivo (tipo o tamaño inválido): el archivo de video (campo video_file) está vacío.',
    );
  });

  it('an MP4 with sound and no picture → UNSUPPORTED_TYPE saying it has no picture', async () => {
    const problem = await expectRejected(await uploadForm(await audioOnlyFixture(21)), 'UNSUPPORTED_TYPE');
    expect(problem.detail).toBe(
      'Error en el archivo (tipo o tamaño inválido): el archivo MP4 no tiene imagen (solo audio); sube un video.',
    );
  });

  it.each([
    ['a NUL byte', 'Mi\u0000jugada'],
    ['a line break', 'Mi\njugada'],
    ['an escape', 'Mi\u001b[31mjugada'],
  ])('a title with %s → VALIDATION_ERROR naming the field', async (_name, title) => {
    const problem = await expectRejected(await uploadForm(await validLandscape(), title), 'VALIDATION_ERROR');
    expect(problem.errors).toEqual([{ path: 'title', message: 'contiene caracteres de control no permitidos' }]);
  });

  it('multipart without a boundary → MALFORMED_MULTIPART', async () => {
    const form = await uploadForm(await validLandscape());
    await expectRejected(
      { payload: form.payload, headers: { 'content-type': 'multipart/form-data' } },
      'MALFORMED_MULTIPART',
    );
  });

  it('multipart cut off in the middle of the file → MALFORMED_MULTIPART', async () => {
    const form = await uploadForm(await validLandscape());
    const problem = await expectRejected(
      { payload: form.payload.subarray(0, form.payload.length - 5000), headers: form.headers },
      'MALFORMED_MULTIPART',
    );
    expect(problem.detail).toMatch(/mal formado o incompleto/);
  });

  it('a body of another type → 415 asking for multipart/form-data', async () => {
    await snapshot();
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/videos/upload',
      headers: { ...player.auth, 'content-type': 'application/octet-stream' },
      payload: await readFile(await validLandscape()),
    });
    expect(response.statusCode).toBe(415);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: 'Tipo de contenido no admitido: envía multipart/form-data con video_file y title.',
    });
  });

  it('a title over 200 characters → VALIDATION_ERROR naming the field', async () => {
    const problem = await expectRejected(await uploadForm(await validLandscape(), 'x'.repeat(201)), 'VALIDATION_ERROR');
    expect(problem.errors).toEqual([{ path: 'title', message: 'El título admite máximo 200 caracteres.' }]);
  });

  it('a JSON body instead of multipart → MISSING_FIELD', async () => {
    await snapshot();
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/videos/upload',
      headers: player.auth,
      payload: { title: 'json', video_file: 'AAAA' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'MISSING_FIELD' });
  });

  it('two files → 400', async () => {
    const bytes = await readFile(await validLandscape());
    const form = multipart([
      { name: 'title', value: 'Dos' },
      { name: 'video_file', filename: 'a.mp4', value: bytes },
      { name: 'video_file', filename: 'b.mp4', value: bytes },
    ]);
    await snapshot();
    const response = await upload(form);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('a file of 100 MB and one byte → FILE_TOO_LARGE', async () => {
    const oversize = Buffer.alloc(100 * 1024 * 1024 + 1);
    (await readFile(await validLandscape())).copy(oversize);
    const form = multipart([
      { name: 'title', value: 'Enorme' },
      { name: 'video_file', filename: 'big.mp4', value: oversize },
    ]);
    const problem = await expectRejected(form, 'FILE_TOO_LARGE');
    expect(problem.detail).toBe('Error en el archivo (tipo o tamaño inválido): el archivo supera el máximo de 100 MB.');
  });

  it('no token → 401 and the file is not kept', async () => {
    await snapshot();
    const response = await upload(await uploadForm(await validLandscape()), {} as Player['auth']);
    expect(response.statusCode).toBe(401);
  });
});

describe('POST /api/videos/upload with a body announced larger than the limit', () => {
  it('refuses it from the Content-Length header alone', async () => {
    const small = await startTestApi({ UPLOAD_MAX_BYTES: String(512 * 1024) });
    try {
      const owner = await newPlayer(small.app);
      const form = multipart([
        { name: 'title', value: 'Grande' },
        { name: 'video_file', filename: 'big.mp4', value: Buffer.alloc(2 * 1024 * 1024) },
      ]);
      const response = await small.app.inject({
        method: 'POST',
        url: '/api/videos/upload',
        payload: form.payload,
        headers: { ...form.headers, ...owner.auth },
      });
      expect(response.statusCode).toBe(400);
      // The configured limit, not the organiser's, is the one named.
      expect(response.json()).toMatchObject({
        code: 'FILE_TOO_LARGE',
        detail: expect.stringContaining('máximo de 0,5 MB'),
      });
      expect(await small.filesOnDisk()).toEqual([]);
    } finally {
      await small.close();
    }
  });
});

describe('a store that fails after the file was received', () => {
  it('answers 500 without internals and leaves no row, object, temp file or message', async () => {
    const failing = await startTestApi();
    try {
      const owner = await newPlayer(failing.app);
      const published: unknown[] = [];
      failing.runtime.queue.publish = async (message) => {
        published.push(message);
        throw new Error('queue down: secret-host:5432');
      };
      // Body and boundary from one form: the request must get past the parser to the queue.
      const form = await uploadForm(await validLandscape());
      const response = await failing.app.inject({
        method: 'POST',
        url: '/api/videos/upload',
        payload: form.payload,
        headers: { ...form.headers, ...owner.auth },
      });
      expect(published).toHaveLength(1);
      expect(response.statusCode).toBe(500);
      expect(response.json()).toMatchObject({ status: 500, detail: 'Error interno del servidor.' });
      expect(response.body).not.toContain('secret-host');
      expect(await failing.filesOnDisk()).toEqual([]);
      expect(await failing.testDb.db.selectFrom('videos').select('id').execute()).toEqual([]);
    } finally {
      await failing.close();
    }
  });
});
