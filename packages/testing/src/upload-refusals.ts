/**
 * The refusals the API sends before it has read an upload's body (ADR 24), as data and as a runner:
 * 401 (no token, a forged, an expired and an orphaned one), 400 FILE_TOO_LARGE, 413, 415 and 429, on the
 * multipart endpoint and on the tus endpoints (creation with upload, PATCH). Each is sent with big bodies,
 * declared (Content-Length) and chunked, by Node's fetch and by curl, and must be answered, never reset.
 * Shared by the container drill (through nginx), the API's route-level test and the browser check;
 * everything is parameterised by the API's base URL (ending in `/api`) and its JWT secret.
 */
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createReadStream, openAsBlob } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { uploadTexts } from '@anb/core/upload-texts';

const run = promisify(execFile);
export const MiB = 1024 * 1024;

export type Framing = 'declared' | 'chunked';
export type Client = 'fetch' | 'curl';
export type Outcome =
  { status: number; contentType: string; body: string; connection: string; sent?: number } | { error: string };

/** One request: where, with which headers, and how its body is framed around the file. */
export interface Shape {
  method: 'POST' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  /** multipart: the file inside a form with a title; raw: the file as the body. */
  body: 'multipart' | 'raw';
  /** A header set to the file's size (tus's Upload-Length on a creation with upload). */
  sizeHeader?: string;
}

/** What the API answers, as problem+json. */
export interface Expected {
  status: number;
  code: string;
  detail: string | RegExp;
}

export const refusalTexts = {
  missingToken: 'Falta de autenticación.',
  invalidToken: 'El usuario no está autenticado o el token JWT es inválido o expirado.',
  patchContentType: 'El cuerpo de PATCH debe enviarse como application/offset+octet-stream.',
};

/** Someone who can send requests: a player's token and its Authorization header. */
export interface Who {
  token: string;
  auth: { authorization: string };
}

/** An HS256 token, as the API signs them. */
export function signToken(claims: Record<string, unknown>, key: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

export function subjectOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
}

export interface BadToken {
  name: string;
  /** The Authorization header, made when the request is sent (so an expiry is relative to then). */
  authorization(context: RefusalContext): string | undefined;
  expected: Expected;
}

const invalidToken: Expected = { status: 401, code: 'INVALID_TOKEN', detail: refusalTexts.invalidToken };
const now = () => Math.floor(Date.now() / 1000);

/** The four ways an upload arrives without a valid player. */
export const badTokens: BadToken[] = [
  {
    name: 'no token',
    authorization: () => undefined,
    expected: { status: 401, code: 'UNAUTHENTICATED', detail: refusalTexts.missingToken },
  },
  {
    name: 'a forged token',
    authorization: ({ player }) =>
      `Bearer ${signToken({ sub: subjectOf(player.token), iat: now(), exp: now() + 3600 }, 'not-the-api-secret')}`,
    expected: invalidToken,
  },
  {
    name: 'an expired token',
    authorization: ({ player, secret }) =>
      `Bearer ${signToken({ sub: subjectOf(player.token), iat: now() - 7200, exp: now() - 3600 }, secret)}`,
    expected: invalidToken,
  },
  {
    // Well signed, for a player who has no account (a token that outlived its database).
    name: 'an orphaned token',
    authorization: ({ secret }) =>
      `Bearer ${signToken({ sub: '01900000-0000-7000-8000-0000000000ff', gen: 0, jti: '01900000-0000-7000-8000-0000000000fe', iat: now(), exp: now() + 3600 }, secret)}`,
    expected: invalidToken,
  },
];

/** Everything the refusals need from the API under test, made by `prepareRefusals`. */
export interface RefusalContext {
  /** The API's base URL, ending in `/api`. */
  api: string;
  secret: string;
  /** UPLOAD_MAX_BYTES, as `/upload-rules` publishes it. */
  maxBytes: number;
  /** A player with upload budget left. */
  player: Who;
  /** A player whose upload budget is spent: every new upload start is 429. */
  spent: Who;
  /** A tus upload of 1000 bytes `player` owns, for the PATCH refusals. */
  ownUpload: string;
}

/** Reads the limit, spends `spent`'s upload budget and creates the tus upload the PATCH refusals aim at. */
export async function prepareRefusals(api: string, secret: string, player: Who, spent: Who): Promise<RefusalContext> {
  const rules = (await (await fetch(`${api}/upload-rules`)).json()) as { max_bytes: number };
  await spendUploadBudget(api, spent);
  const ownUpload = await createTusUpload(api, player, 1000);
  return { api, secret, maxBytes: rules.max_bytes, player, spent, ownUpload };
}

/** The tus offset of the PATCH target: 0 while no refusal let a byte through. */
export async function ownUploadOffset(context: RefusalContext): Promise<{ status: number; offset: string | null }> {
  const response = await fetch(context.ownUpload, {
    method: 'HEAD',
    headers: { ...context.player.auth, 'tus-resumable': '1.0.0' },
  });
  return { status: response.status, offset: response.headers.get('upload-offset') };
}

export async function deleteOwnUpload(context: RefusalContext): Promise<void> {
  const response = await fetch(context.ownUpload, {
    method: 'DELETE',
    headers: { ...context.player.auth, 'tus-resumable': '1.0.0' },
  });
  await response.arrayBuffer();
}

/** Starts title-only uploads (refused, but counted) until the budget answers 429. */
async function spendUploadBudget(api: string, who: Who): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const form = new FormData();
    form.set('title', 'Sin archivo');
    const response = await fetch(`${api}/videos/upload`, { method: 'POST', headers: who.auth, body: form });
    await response.arrayBuffer();
    if (response.status === 429) return;
  }
  throw new Error('the upload budget never ran out');
}

async function createTusUpload(api: string, who: Who, length: number): Promise<string> {
  const response = await fetch(`${api}/uploads`, { method: 'POST', headers: { ...who.auth, ...tusCreation(length) } });
  if (response.status !== 201) throw new Error(`tus creation answered ${response.status}: ${await response.text()}`);
  return new URL(response.headers.get('location')!, api).href;
}

function tusCreation(length: number): Record<string, string> {
  return {
    'tus-resumable': '1.0.0',
    'upload-length': String(length),
    'upload-metadata': `title ${Buffer.from('Refusal check').toString('base64')}`,
  };
}

/** The multipart framing around the file: a title field, then the file part. */
export const boundary = 'anb-refusal-drill-boundary';
export const formHeadText =
  `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nJugada rechazada\r\n` +
  `--${boundary}\r\nContent-Disposition: form-data; name="video_file"; filename="jugada.mp4"\r\n` +
  'Content-Type: video/mp4\r\n\r\n';
export const formTailText = `\r\n--${boundary}--\r\n`;
const formHead = Buffer.from(formHeadText);
const formTail = Buffer.from(formTailText);

export interface Size {
  name: string;
  file: string;
  bytes: number;
}

export interface Bodies {
  /** 1 MB, 20 MB and the limit plus 1 MB: what every refusal is sent with. */
  sizes: Size[];
  /** The bodies over the limit, for the size refusals. */
  overLimit: Size[];
  remove(): Promise<void>;
}

/**
 * Sparse files of the body sizes: nothing is written to disk, and the bytes are never a valid video anyway.
 * `twiceTheLimit` adds a body of twice the limit to `overLimit`: past any size limit a proxy in front could
 * be given "with some margin" (nginx had 110 MB and answered its own 413).
 */
export async function createBodies(maxBytes: number, { twiceTheLimit = false } = {}): Promise<Bodies> {
  const dir = await mkdtemp(path.join(tmpdir(), 'anb-refusals-'));
  const sized = (bytes: number): Size => ({
    name: `${Math.round(bytes / MiB)} MB`,
    bytes,
    file: path.join(dir, `${bytes}.bin`),
  });
  const sizes = [sized(MiB), sized(20 * MiB), sized(maxBytes + MiB)];
  const overLimit = [sized(maxBytes + MiB), ...(twiceTheLimit ? [sized(2 * maxBytes)] : [])];
  for (const size of new Map([...sizes, ...overLimit].map((size) => [size.file, size])).values()) {
    const file = await open(size.file, 'w');
    await file.truncate(size.bytes);
    await file.close();
  }
  return { sizes, overLimit, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Sends `shape` with the file through Node's fetch (undici). */
export async function viaFetch(shape: Shape, file: string, framing: Framing): Promise<Outcome> {
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
      connection: response.headers.get('connection') ?? '',
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
export async function viaCurl(shape: Shape, file: string, framing: Framing): Promise<Outcome> {
  const written = '\n%{http_code}\t%{size_upload}\t%header{connection}\t%{content_type}';
  const args = ['-sS', '--max-time', '120', '-X', shape.method, '-w', written];
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
    const [status, sent, connection, contentType] = stdout.slice(cut + 1).split('\t');
    return {
      status: Number(status),
      sent: Number(sent),
      connection: connection ?? '',
      contentType: contentType ?? '',
      body: stdout.slice(0, cut),
    };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { error: `curl exit ${failed.code}: ${failed.stderr?.trim() ?? ''}` };
  }
}

/** Whether curl can be run here (the curl checks are skipped, with this reason, when it cannot). */
export async function curlAvailable(): Promise<boolean> {
  try {
    await run('curl', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why the outcome is not the expected answer, or undefined when it is. `closes`: the answer must say
 * `Connection: close` (the API's own answers do, ADR 24; a proxy in front answers with its own header).
 */
export function mismatch(outcome: Outcome, expected: Expected, { closes = false } = {}): string | undefined {
  if ('error' in outcome) return `no answer (${outcome.error})`;
  const summary = `${outcome.status} ${outcome.contentType} connection: ${outcome.connection} ${outcome.body.slice(0, 200)}`;
  if (outcome.status !== expected.status) return summary;
  if (closes && outcome.connection.toLowerCase() !== 'close') return summary;
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

export interface Tally {
  /** One line per combination that did not get the expected answer; empty when all did. */
  failures: string[];
  answered: number;
  /** How much curl had sent of each body over the limit when it was answered. */
  notes: string[];
}

/** Sends the refusal with every body size, framing and client, and tallies the answers. */
export async function sendEverywhere(
  shape: Shape,
  expected: Expected,
  bodies: Size[],
  {
    clients = ['fetch', 'curl'],
    maxBytes = Infinity,
    closes = false,
  }: { clients?: Client[]; maxBytes?: number; closes?: boolean } = {},
): Promise<Tally> {
  const tally: Tally = { failures: [], answered: 0, notes: [] };
  for (const size of bodies) {
    for (const framing of ['declared', 'chunked'] as const) {
      for (const client of clients) {
        const outcome = await (client === 'fetch' ? viaFetch : viaCurl)(shape, size.file, framing);
        const wrong = mismatch(outcome, expected, { closes });
        if (wrong) tally.failures.push(`${size.name} ${framing} via ${client}: ${wrong}`);
        else tally.answered++;
        if ('sent' in outcome && outcome.sent !== undefined && size.bytes > maxBytes) {
          tally.notes.push(
            `${size.name} ${framing}: curl had sent ${(outcome.sent / MiB).toFixed(1)} MB when answered`,
          );
        }
      }
    }
  }
  return tally;
}

/** One refusal: a request shape and the answer it must get. */
export interface RefusalCase {
  title: string;
  /** Sent with the bodies over the limit only (the size refusals). */
  overLimit?: boolean;
  request(context: RefusalContext): { shape: Shape; expected: Expected };
}

const multipart = (api: string, headers: Record<string, string>): Shape => ({
  method: 'POST',
  url: `${api}/videos/upload`,
  headers,
  body: 'multipart',
});
/** A creation with upload; Upload-Length is the body's size. */
const tusCreate = (api: string, headers: Record<string, string>): Shape => ({
  method: 'POST',
  url: `${api}/uploads`,
  headers: { ...tusCreation(0), 'content-type': 'application/offset+octet-stream', ...headers },
  body: 'raw',
  sizeHeader: 'upload-length',
});
const tusPatch = (url: string, headers: Record<string, string>): Shape => ({
  method: 'PATCH',
  url,
  headers: {
    'tus-resumable': '1.0.0',
    'upload-offset': '0',
    'content-type': 'application/offset+octet-stream',
    ...headers,
  },
  body: 'raw',
});
const authorization = (value: string | undefined): Record<string, string> => (value ? { authorization: value } : {});
const fileTooLarge = (status: number, maxBytes: number): Expected => ({
  status,
  code: 'FILE_TOO_LARGE',
  detail: uploadTexts.fileTooLarge({ maxBytes }).detail,
});
const uploadLimit: Expected = { status: 429, code: 'UPLOAD_LIMIT', detail: /^Alcanzaste el límite de \d+ videos/ };
const patchMediaType: Expected = {
  status: 415,
  code: 'UNSUPPORTED_MEDIA_TYPE',
  detail: refusalTexts.patchContentType,
};

const tokenCases = (endpoint: string, shape: (context: RefusalContext, auth: Record<string, string>) => Shape) =>
  badTokens.map((token): RefusalCase => ({
    title: `${endpoint}: 401 for ${token.name}`,
    request: (context) => ({
      shape: shape(context, authorization(token.authorization(context))),
      expected: token.expected,
    }),
  }));

/** Every refusal the API sends before reading an upload's body. */
export const refusalCases: RefusalCase[] = [
  ...tokenCases('multipart upload', ({ api }, auth) => multipart(api, auth)),
  {
    title: 'multipart upload: 400 FILE_TOO_LARGE for a body over the limit',
    overLimit: true,
    request: ({ api, player, maxBytes }) => ({
      shape: multipart(api, player.auth),
      expected: fileTooLarge(400, maxBytes),
    }),
  },
  {
    title: 'multipart upload: 415 for a body that is not multipart',
    request: ({ api, player }) => ({
      shape: { ...multipart(api, { ...player.auth, 'content-type': 'application/octet-stream' }), body: 'raw' },
      expected: {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        detail: /^Tipo de contenido no admitido: envía multipart\/form-data/,
      },
    }),
  },
  {
    title: 'multipart upload: 429 once the player has spent the upload budget',
    request: ({ api, spent }) => ({ shape: multipart(api, spent.auth), expected: uploadLimit }),
  },
  ...tokenCases('tus creation with upload', ({ api }, auth) => tusCreate(api, auth)),
  {
    title: 'tus creation with upload: 413 FILE_TOO_LARGE for an Upload-Length over the limit',
    overLimit: true,
    request: ({ api, player, maxBytes }) => ({
      shape: tusCreate(api, player.auth),
      expected: fileTooLarge(413, maxBytes),
    }),
  },
  {
    title: 'tus creation with upload: 429 once the player has spent the upload budget',
    request: ({ api, spent }) => ({ shape: tusCreate(api, spent.auth), expected: uploadLimit }),
  },
  ...tokenCases('tus PATCH', ({ ownUpload }, auth) => tusPatch(ownUpload, auth)),
  {
    title: 'tus PATCH: 413 FILE_TOO_LARGE for a body longer than what the upload still expects',
    request: ({ ownUpload, player, maxBytes }) => ({
      shape: tusPatch(ownUpload, player.auth),
      expected: fileTooLarge(413, maxBytes),
    }),
  },
  {
    title: 'tus PATCH: 415 for a body without Content-Type',
    request: ({ ownUpload, player }) => {
      const shape = tusPatch(ownUpload, player.auth);
      delete shape.headers['content-type'];
      return { shape, expected: patchMediaType };
    },
  },
  {
    title: 'tus PATCH: 415 for a body with another Content-Type',
    request: ({ ownUpload, player }) => ({
      shape: tusPatch(ownUpload, { ...player.auth, 'content-type': 'text/plain' }),
      expected: patchMediaType,
    }),
  },
];
