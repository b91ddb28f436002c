import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { lingerThenClose, type LingerLimits } from '../src/http/lingering-close.ts';

let server: Server | undefined;
afterEach(async () => {
  server?.close();
  server = undefined;
});

/** A server that refuses every request at once, lingering within `limits`; counts the body bytes it saw. */
async function refusingServer(limits: LingerLimits) {
  const seen = { bytes: 0 };
  server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => (seen.bytes += chunk.length));
    lingerThenClose(request, limits);
    response.writeHead(401, { 'content-type': 'application/problem+json', connection: 'close' });
    response.end('{"code":"UNAUTHENTICATED"}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, seen };
}

/** Sends headers announcing `declared` bytes and `sent` of them; resolves how the server ended the connection. */
async function send(port: number, declared: number, sent: number) {
  const socket = connect(port, '127.0.0.1');
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  socket.write(`POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${declared}\r\n\r\n`);
  socket.write(Buffer.alloc(sent, 1), () => {});
  const ended = await new Promise<string>((resolve) => {
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    socket.once('end', () => resolve('end'));
    socket.once('close', () => resolve('close'));
  });
  socket.destroy();
  return { ended, answer: Buffer.concat(received).toString() };
}

// Time bounds past the test's own 30 s timeout: a test that counts on one bound cannot be rescued by another.
const generous: LingerLimits = { maxBytes: 1024 * 1024, maxMs: 60_000, idleMs: 60_000 };

describe('lingering close after an early answer', () => {
  it('reads the whole body, then closes with a FIN, the answer delivered', async () => {
    const { port, seen } = await refusingServer(generous);
    const { ended, answer } = await send(port, 512 * 1024, 512 * 1024);
    expect(ended).toBe('end');
    expect(answer).toMatch(/^HTTP\/1\.1 401 [\s\S]*UNAUTHENTICATED/);
    expect(seen.bytes).toBe(512 * 1024);
  });

  it('cuts a client that keeps sending past the byte bound', async () => {
    const { port, seen } = await refusingServer({ ...generous, maxBytes: 64 * 1024 });
    const { answer } = await send(port, 8 * 1024 * 1024, 8 * 1024 * 1024);
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(seen.bytes).toBeGreaterThan(64 * 1024);
    expect(seen.bytes).toBeLessThan(8 * 1024 * 1024);
  });

  it('cuts a client that stops sending, at the idle timeout', async () => {
    const { port, seen } = await refusingServer({ ...generous, idleMs: 200 });
    const { ended, answer } = await send(port, 1024 * 1024, 1024);
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    // The body never ended: the connection went because the server gave up on it.
    expect(['end', 'close', 'ECONNRESET']).toContain(ended);
    expect(seen.bytes).toBe(1024);
  });

  it('cuts a slow client at the time bound however it trickles', async () => {
    const { port } = await refusingServer({ ...generous, maxMs: 300 });
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    // Cut while still writing, the client may see a reset instead of a FIN: either way it was cut.
    socket.on('error', () => {});
    socket.write('POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000000\r\n\r\n');
    // A byte every 10 ms keeps it from ever being idle; only the time bound can end it.
    const trickle = setInterval(() => socket.writable && socket.write('x'), 10);
    // Not events.once: it rejects on the 'error' a reset emits, and a reset is a cut too.
    await new Promise((resolve) => socket.once('close', resolve));
    clearInterval(trickle);
    expect(socket.destroyed).toBe(true);
    expect(Buffer.concat(received).toString()).toMatch(/^HTTP\/1\.1 401 /);
  });
});
