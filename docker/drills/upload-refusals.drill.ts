/**
 * Every refusal the API sends before it has read an upload's body reaches, through nginx, a client
 * that is still sending that body: 401 (no token, a forged, an expired and an orphaned one), 400
 * FILE_TOO_LARGE, 413, 415 and 429, on the multipart endpoint and on the tus endpoints (creation with
 * upload, PATCH). Each is sent with bodies of 1 MB, 20 MB and the limit plus 1 MB (101 MB on the
 * stack; the size refusals also with twice the limit), declared (Content-Length) and chunked, by
 * Node's fetch and by curl (with no `Expect: 100-continue`, so the body is on its way when the answer
 * comes). What must hold: an answer, never a reset or nginx's own page, with the API's status,
 * problem+json, code and Spanish text.
 * Needs the stack from `npm run docker:up -- --for-tests` and curl on the PATH.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createReadStream, openAsBlob } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { uploadTexts } from '@anb/core/upload-texts';
import { API, newPlayer, type Player } from './support/api.ts';
import { containersOf, docker } from './support/containers.ts';

const run = promisify(execFile);
const MiB = 1024 * 1024;

type Framing = 'declared' | 'chunked';
type Client = 'fetch' | 'curl';
type Outcome = { status: number; contentType: string; body: string; sent?: number } | { error: string };

/** One request: where, with which headers, and how its body is framed around the file. */
interface Shape {
  method: 'POST' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  /** multipart: the file inside a form with a title; raw: the file as the body. */
  body: 'multipart' | 'raw';
  /** A header set to the file's size (tus's Upload-Length on a creation with upload). */
  sizeHeader?: string;
}

/** What the API answers, as problem+json. */
interface Expected {
  status: number;
  code: string;
  detail: string | RegExp;
}

const texts = {
  missingToken: 'Falta de autenticación.',
  invalidToken: 'El usuario no está autenticado o el token JWT es inválido o expirado.',
};

let dir = '';
let maxBytes = 0;
interface Size {
  name: string;
  file: string;
  bytes: number;
}
/** The body sizes every refusal is sent with: 1 MB, 20 MB, the limit plus 1 MB. */
let sizes: Size[] = [];
/**
 * The bodies over the limit: the limit plus 1 MB, and twice the limit, which is past any size limit
 * a proxy in front could be given "with some margin" (nginx had 110 MB and answered its own 413).
 */
let overLimit: Size[] = [];
let player: Player;
let playerId = '';
/** A player whose upload budget is spent: every new upload start is 429. */
let spent: Player;
let secret = '';
/** A tus upload of 1000 bytes that player owns, for the PATCH refusals. */
let ownUpload = '';

before(async () => {
  const rules = (await (await fetch(`${API}/upload-rules`)).json()) as { max_bytes: number };
  maxBytes = rules.max_bytes;
  dir = await mkdtemp(path.join(tmpdir(), 'anb-refusals-'));
  const sized = (bytes: number): Size => ({
    name: `${Math.round(bytes / MiB)} MB`,
    bytes,
    file: path.join(dir, `${bytes}.bin`),
  });
  sizes = [sized(MiB), sized(20 * MiB), sized(maxBytes + MiB)];
  overLimit = [sized(maxBytes + MiB), sized(2 * maxBytes)];
  for (const size of [...sizes, overLimit[1]!]) {
    // Sparse files: nothing is written to disk, and the bytes are never a valid video anyway.
    const file = await open(size.file, 'w');
    await file.truncate(size.bytes);
    await file.close();
  }
  [player, spent, secret] = await Promise.all([newPlayer(), newPlayer(), jwtSecret()]);
  playerId = subjectOf(player.token);
  await spendUploadBudget(spent);
  ownUpload = await createTusUpload(player, 1000);
});

after(async () => {
  if (ownUpload) await fetch(ownUpload, { method: 'DELETE', headers: { ...player.auth, 'tus-resumable': '1.0.0' } });
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The stack's JWT secret, as the API containers have it. */
async function jwtSecret(): Promise<string> {
  const [api] = await containersOf('api');
  const env = JSON.parse(await docker('inspect', '--format', '{{json .Config.Env}}', api!)) as string[];
  const line = env.find((entry) => entry.startsWith('JWT_SECRET='));
  assert.ok(line, 'the API containers have a JWT_SECRET');
  return line.slice('JWT_SECRET='.length);
}

/** An HS256 token, as the API signs them. */
function signToken(claims: Record<string, unknown>, key: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

function subjectOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
}

/** The four ways an upload arrives without a valid player. */
function badTokens(): Array<{ name: string; authorization: string | undefined; expected: Expected }> {
  const now = Math.floor(Date.now() / 1000);
  const invalid = { status: 401, code: 'INVALID_TOKEN', detail: texts.invalidToken };
  return [
    {
      name: 'no token',
      authorization: undefined,
      expected: { status: 401, code: 'UNAUTHENTICATED', detail: texts.missingToken },
    },
    {
      name: 'forged token',
      authorization: `Bearer ${signToken({ sub: playerId, iat: now, exp: now + 3600 }, 'not-the-stack-secret')}`,
      expected: invalid,
    },
    {
      name: 'expired token',
      authorization: `Bearer ${signToken({ sub: playerId, iat: now - 7200, exp: now - 3600 }, secret)}`,
      expected: invalid,
    },
    {
      // Well signed, for a player who has no account (a token that outlived its database).
      name: 'orphaned token',
      authorization: `Bearer ${signToken({ sub: '01900000-0000-7000-8000-0000000000ff', iat: now, exp: now + 3600 }, secret)}`,
      expected: invalid,
    },
  ];
}

/** Starts title-only uploads (refused, but counted) until the budget answers 429. */
async function spendUploadBudget(who: Player): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const form = new FormData();
    form.set('title', 'Sin archivo');
    const response = await fetch(`${API}/videos/upload`, { method: 'POST', headers: who.auth, body: form });
    await response.arrayBuffer();
    if (response.status === 429) return;
  }
  assert.fail('the upload budget never ran out');
}

async function createTusUpload(who: Player, length: number): Promise<string> {
  const response = await fetch(`${API}/uploads`, {
    method: 'POST',
    headers: { ...who.auth, ...tusCreation(length) },
  });
  assert.equal(response.status, 201, await response.text());
  return new URL(response.headers.get('location')!, API).href;
}

function tusCreation(length: number): Record<string, string> {
  return {
    'tus-resumable': '1.0.0',
    'upload-length': String(length),
    'upload-metadata': `title ${Buffer.from('Refusal drill').toString('base64')}`,
  };
}

const boundary = 'anb-refusal-drill-boundary';
const formHead = Buffer.from(
  `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nJugada rechazada\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="video_file"; filename="jugada.mp4"\r\n` +
    'Content-Type: video/mp4\r\n\r\n',
);
const formTail = Buffer.from(`\r\n--${boundary}--\r\n`);

/** Sends `shape` with the file through Node's fetch (undici). */
async function viaFetch(shape: Shape, file: string, framing: Framing): Promise<Outcome> {
  const headers = await headersFor(shape, file);
  let body: Blob | ReadableStream;
  if (shape.body === 'multipart') {
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    body =
      framing === 'declared'
        ? new Blob([formHead, await openAsBlob(file), formTail])
        : (Readable.toWeb(Readable.from(multipartParts(file))) as ReadableStream);
  } else {
    body = framing === 'declared' ? await openAsBlob(file) : (Readable.toWeb(createReadStream(file)) as ReadableStream);
  }
  try {
    // A stream body has no length: fetch sends it chunked.
    const response = await fetch(shape.url, {
      method: shape.method,
      headers,
      body,
      duplex: 'half',
      signal: AbortSignal.timeout(120_000),
    } as RequestInit);
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: await response.text(),
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { error: `${(error as Error).message}${cause ? `: ${cause.code ?? ''} ${cause.message ?? ''}` : ''}` };
  }
}

async function headersFor(shape: Shape, file: string): Promise<Record<string, string>> {
  if (!shape.sizeHeader) return { ...shape.headers };
  return { ...shape.headers, [shape.sizeHeader]: String((await stat(file)).size) };
}

async function* multipartParts(file: string): AsyncGenerator<Buffer> {
  yield formHead;
  for await (const chunk of createReadStream(file)) yield chunk as Buffer;
  yield formTail;
}

/** Sends `shape` with the file through curl, which streams it from disk. */
async function viaCurl(shape: Shape, file: string, framing: Framing): Promise<Outcome> {
  const args = ['-sS', '--max-time', '120', '-X', shape.method, '-w', '\n%{http_code} %{size_upload} %{content_type}'];
  // Without this curl waits for "100 Continue" before a big body; the refusal would come first.
  args.push('-H', 'Expect:');
  if (framing === 'chunked') args.push('-H', 'Transfer-Encoding: chunked');
  for (const [name, value] of Object.entries(await headersFor(shape, file))) args.push('-H', `${name}: ${value}`);
  if (shape.body === 'multipart') args.push('-F', 'title=Jugada rechazada', '-F', `video_file=@${file};type=video/mp4`);
  else args.push('-T', file);
  args.push(shape.url);
  try {
    const { stdout } = await run('curl', args, { maxBuffer: 16 * MiB });
    const cut = stdout.lastIndexOf('\n');
    const [status, sent, ...type] = stdout.slice(cut + 1).split(' ');
    return { status: Number(status), sent: Number(sent), contentType: type.join(' '), body: stdout.slice(0, cut) };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { error: `curl exit ${failed.code}: ${failed.stderr?.trim() ?? ''}` };
  }
}

/** Why the outcome is not the expected answer, or undefined when it is. */
function mismatch(outcome: Outcome, expected: Expected): string | undefined {
  if ('error' in outcome) return `no answer (${outcome.error})`;
  const summary = `${outcome.status} ${outcome.contentType} ${outcome.body.slice(0, 200)}`;
  if (outcome.status !== expected.status) return summary;
  if (!/^application\/problem\+json/.test(outcome.contentType)) return summary;
  let problem: { status?: unknown; code?: unknown; detail?: unknown };
  try {
    problem = JSON.parse(outcome.body) as typeof problem;
  } catch {
    return summary;
  }
  if (problem.status !== expected.status || problem.code !== expected.code) return summary;
  const detail = String(problem.detail);
  const detailOk = expected.detail instanceof RegExp ? expected.detail.test(detail) : detail === expected.detail;
  return detailOk ? undefined : summary;
}

/**
 * Sends the refusal with every body size, framing and client; fails listing every combination that
 * did not get the expected answer.
 */
async function expectEverywhere(
  t: { diagnostic(message: string): void },
  shape: Shape,
  expected: Expected,
  bodies: Size[] = sizes,
): Promise<void> {
  const failures: string[] = [];
  let answered = 0;
  for (const size of bodies) {
    for (const framing of ['declared', 'chunked'] as const) {
      for (const client of ['fetch', 'curl'] as const satisfies Client[]) {
        const outcome = await (client === 'fetch' ? viaFetch : viaCurl)(shape, size.file, framing);
        const wrong = mismatch(outcome, expected);
        if (wrong) failures.push(`${size.name} ${framing} via ${client}: ${wrong}`);
        else answered++;
        if (client === 'curl' && 'sent' in outcome && size.bytes > maxBytes) {
          t.diagnostic(`${size.name} ${framing}: curl had sent ${(outcome.sent! / MiB).toFixed(1)} MB when answered`);
        }
      }
    }
  }
  t.diagnostic(`${answered} answered as expected, ${failures.length} not`);
  assert.deepEqual(failures, [], `expected ${expected.status} ${expected.code}`);
}

const multipart = (headers: Record<string, string>): Shape => ({
  method: 'POST',
  url: `${API}/videos/upload`,
  headers,
  body: 'multipart',
});
/** A creation with upload; Upload-Length is the body's size unless `length` is given. */
const tusCreate = (headers: Record<string, string>, length?: number): Shape => ({
  method: 'POST',
  url: `${API}/uploads`,
  headers: { ...tusCreation(length ?? 0), 'content-type': 'application/offset+octet-stream', ...headers },
  body: 'raw',
  ...(length === undefined ? { sizeHeader: 'upload-length' } : {}),
});
const tusPatch = (headers: Record<string, string>): Shape => ({
  method: 'PATCH',
  url: ownUpload,
  headers: {
    'tus-resumable': '1.0.0',
    'upload-offset': '0',
    'content-type': 'application/offset+octet-stream',
    ...headers,
  },
  body: 'raw',
});
const auth = (authorization: string | undefined): Record<string, string> => (authorization ? { authorization } : {});
const fileTooLarge = (status: number): Expected => ({
  status,
  code: 'FILE_TOO_LARGE',
  detail: uploadTexts.fileTooLarge({ maxBytes }).detail,
});
const uploadLimit: Expected = { status: 429, code: 'UPLOAD_LIMIT', detail: /^Alcanzaste el límite de \d+ videos/ };

test('multipart upload: 401 for no, forged, expired and orphaned tokens', async (t) => {
  for (const token of badTokens()) {
    await t.test(token.name, (sub) => expectEverywhere(sub, multipart(auth(token.authorization)), token.expected));
  }
});

test('multipart upload: 400 FILE_TOO_LARGE for a body over the limit', (t) =>
  expectEverywhere(t, multipart(player.auth), fileTooLarge(400), overLimit));

test('multipart upload: 415 for a body that is not multipart', (t) =>
  expectEverywhere(
    t,
    { ...multipart({ ...player.auth, 'content-type': 'application/octet-stream' }), body: 'raw' },
    {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: /^Tipo de contenido no admitido: envía multipart\/form-data/,
    },
  ));

test('multipart upload: 429 once the player has spent the upload budget', (t) =>
  expectEverywhere(t, multipart(spent.auth), uploadLimit));

test('tus creation with upload: 401 for no, forged, expired and orphaned tokens', async (t) => {
  for (const token of badTokens()) {
    await t.test(token.name, (sub) => expectEverywhere(sub, tusCreate(auth(token.authorization)), token.expected));
  }
});

test('tus creation with upload: 413 FILE_TOO_LARGE for an Upload-Length over the limit', (t) =>
  expectEverywhere(t, tusCreate(player.auth), fileTooLarge(413), overLimit));

test('tus creation with upload: 429 once the player has spent the upload budget', (t) =>
  expectEverywhere(t, tusCreate(spent.auth), uploadLimit));

test('tus PATCH: 401 for no, forged, expired and orphaned tokens', async (t) => {
  for (const token of badTokens()) {
    await t.test(token.name, (sub) => expectEverywhere(sub, tusPatch(auth(token.authorization)), token.expected));
  }
});

test('tus PATCH: 413 FILE_TOO_LARGE for a body longer than what the upload still expects', (t) =>
  expectEverywhere(t, tusPatch(player.auth), fileTooLarge(413)));

test('tus PATCH: 415 for a body without Content-Type', async (t) => {
  const shape = tusPatch(player.auth);
  delete shape.headers['content-type'];
  await expectEverywhere(t, shape, {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: 'El cuerpo de PATCH debe enviarse como application/offset+octet-stream.',
  });
});

test('the refusals left the upload as it was', async () => {
  const response = await fetch(ownUpload, { method: 'HEAD', headers: { ...player.auth, 'tus-resumable': '1.0.0' } });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('upload-offset'), '0');
});
