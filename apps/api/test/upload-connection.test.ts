import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { readdir } from 'node:fs/promises';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '@anb/testing/runtime';
import { waitFor } from '@anb/testing/wait-for';
import { createApi } from '../src/create-api.ts';
import { newPlayer, type Player } from '@anb/testing/players';

const LIMIT = 256 * 1024;
const BOUNDARY = 'anb-connection-test';

interface LogLine {
  level: number;
  msg: string;
  reason?: string;
}

let testRuntime: TestRuntime;
let app: FastifyInstance;
let port: number;
let player: Player;
const logs: LogLine[] = [];

beforeAll(async () => {
  testRuntime = await createTestRuntime({ UPLOAD_MAX_BYTES: String(LIMIT), UPLOAD_IDLE_TIMEOUT: '1' });
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)) as LogLine);
      done();
    },
  });
  app = await createApi(testRuntime.config, testRuntime.runtime, { level: 'info', stream });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
  player = await newPlayer(app);
});
afterAll(async () => {
  await app.close();
  await testRuntime.close();
});

const head = (extra: string) =>
  'POST /api/videos/upload HTTP/1.1\r\nHost: localhost\r\n' +
  `Authorization: Bearer ${player.token}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\n${extra}\r\n`;

const fileStart = Buffer.from(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nGrande\r\n` +
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="video_file"; filename="big.mp4"\r\n\r\n`,
);

const temporaryUploads = async () => readdir(testRuntime.runtime.tmpDir);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  /** Bytes the client had handed to the socket when the server answered. */
  sentWhenAnswered: number;
}

/** Streams `total` bytes of file (or until the server answers), chunked or with a declared length. */
async function sendLargeUpload(total: number, framing: 'chunked' | 'declared'): Promise<Answer> {
  const request = httpRequest({
    port,
    host: '127.0.0.1',
    method: 'POST',
    path: '/api/videos/upload',
    headers: {
      authorization: `Bearer ${player.token}`,
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      ...(framing === 'declared' ? { 'content-length': String(fileStart.length + total) } : {}),
    },
  });
  let sent = 0;
  let settled = false;
  const answered = new Promise<Answer>((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (incoming) => {
      const sentWhenAnswered = sent;
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.once('end', () =>
        resolve({
          status: incoming.statusCode ?? 0,
          headers: incoming.headers,
          body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>,
          sentWhenAnswered,
        }),
      );
    });
  }).finally(() => (settled = true));
  request.write(fileStart);
  const chunk = Buffer.alloc(64 * 1024, 1);
  while (sent < total && !settled && !request.destroyed) {
    const flushed = request.write(chunk);
    sent += chunk.length;
    if (!flushed) await Promise.race([once(request, 'drain'), answered.catch(() => undefined)]);
  }
  return answered;
}

describe('an upload body over the limit', () => {
  it.each(['chunked', 'declared'] as const)(
    'is refused (%s) long before its end, with the connection closed and nothing kept',
    async (framing) => {
      const total = 64 * 1024 * 1024;
      const answer = await sendLargeUpload(total, framing);

      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ code: 'FILE_TOO_LARGE' });
      expect(answer.headers.connection).toBe('close');
      // Socket buffers hold a few megabytes at most; the whole 64 MB is never read.
      expect(answer.sentWhenAnswered).toBeLessThan(total / 4);
      expect(await waitFor(async () => ((await temporaryUploads()).length === 0 ? true : undefined))).toBe(true);
      expect(logs.filter((line) => line.level >= 50)).toEqual([]);
    },
  );
});

describe('an upload refused before its body is read', () => {
  it('is answered 401 with Connection: close, and the connection closes only after the whole body was read', async () => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const body = Buffer.concat([fileStart, Buffer.alloc(4 * 1024 * 1024, 1), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
    socket.write(
      'POST /api/videos/upload HTTP/1.1\r\nHost: localhost\r\n' +
        `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    // Every byte is accepted: a reset before the end would fail this write.
    const written = new Promise<void>((resolve, reject) =>
      socket.write(body, (error) => (error ? reject(error) : resolve())),
    );
    const closedBy = new Promise<string>((resolve) => {
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      socket.once('end', () => resolve('end'));
    });
    await written;

    expect(await closedBy).toBe('end');
    const answer = Buffer.concat(received).toString();
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).toMatch(/connection: close/i);
    expect(answer).toMatch(/"code":"UNAUTHENTICATED"/);
    socket.destroy();
  });
});

describe('an upload that stops sending', () => {
  it('is dropped after UPLOAD_IDLE_TIMEOUT, its partial file removed, and logged at info', async () => {
    const socket = connect(port, '127.0.0.1').resume();
    // Announces a body within the limit, sends part of it, then nothing.
    socket.write(head(`Content-Length: ${LIMIT - 1024}\r\n`));
    socket.write(Buffer.concat([fileStart, Buffer.alloc(32 * 1024, 1)]));
    await once(socket, 'close');

    expect(await waitFor(async () => ((await temporaryUploads()).length === 0 ? true : undefined))).toBe(true);
    // The line is written once the aborted request settles, which can come after the socket's close.
    const logged = await waitFor(async () =>
      logs.find((line) => line.msg === 'client went away before the request was read'),
    );
    expect(logged.level).toBe(30);
    expect(logs.filter((line) => line.level >= 50)).toEqual([]);
  });
});

describe('a client that closes the connection mid-upload', () => {
  it('leaves no partial file and is logged at info, not as an error', async () => {
    const before = logs.length;
    const socket: Socket = connect(port, '127.0.0.1').resume();
    socket.write(head(`Content-Length: ${LIMIT - 1024}\r\n`));
    socket.write(Buffer.concat([fileStart, Buffer.alloc(64 * 1024, 1)]));
    // Closed once the server has started writing the file.
    await waitFor(async () => ((await temporaryUploads()).length > 0 ? true : undefined));
    socket.destroy();

    const logged = await waitFor(async () =>
      logs.slice(before).find((line) => line.msg === 'client went away before the request was read'),
    );
    expect(logged.level).toBe(30);
    expect(await waitFor(async () => ((await temporaryUploads()).length === 0 ? true : undefined))).toBe(true);
    expect(logs.slice(before).filter((line) => line.level >= 50)).toEqual([]);
  });
});

describe("a request Node's parser refuses", () => {
  it('is answered with a problem+json body', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\nNot a header\r\n\r\n');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    await once(socket, 'close');
    const [head, body] = Buffer.concat(chunks).toString().split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(body as string)).toMatchObject({ status: 400, code: 'BAD_REQUEST', detail: expect.any(String) });
  });
});
