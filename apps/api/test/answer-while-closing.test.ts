import { once } from 'node:events';
import net from 'node:net';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { answerWhileClosing } from '../src/plugins/answer-while-closing.ts';
import { startTestApi } from './support/test-api.ts';

/** A promise and the function that settles it. */
function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fire, fired };
}

describe('a request that reaches the API while it closes', () => {
  it('gets 503 problem+json and the connection is closed, while the request in flight finishes', async () => {
    const app = Fastify({ return503OnClosing: false });
    await app.register(answerWhileClosing);
    const inFlight = signal();
    const release = signal();
    const closingStarted = signal();
    const secondAnswered = signal();
    app.get('/slow', async () => {
      inFlight.fire();
      await release.fired;
      return { finished: true };
    });
    app.get('/other', async () => ({ routed: true }));
    // Registered after the plugin, so it runs once the plugin knows the API is closing.
    app.addHook('preClose', async () => closingStarted.fire());
    app.addHook('onSend', async (request) => {
      if (request.url === '/other') secondAnswered.fire();
    });
    const { port } = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));

    // One keep-alive connection: a request in flight keeps it open while the API closes, and a second request
    // arrives on it after the close began, as on a load balancer's pooled connection during a deploy.
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    socket.write('GET /slow HTTP/1.1\r\nHost: api\r\n\r\n');
    await inFlight.fired;
    const closed = app.close();
    await closingStarted.fired;
    socket.write('GET /other HTTP/1.1\r\nHost: api\r\n\r\n');
    // Its answer waits behind the first one's; once the first is sent the connection is no longer needed.
    await secondAnswered.fired;
    release.fire();
    await once(socket, 'close');
    await closed;

    const [first, second] = received.split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    expect(first).toContain('{"finished":true}');
    expect(second).toMatch(/^HTTP\/1\.1 503/);
    expect(second).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    expect(second).toMatch(/\r\nconnection: close/i);
    expect(second).toMatch(/\r\nretry-after: 1/i);
    expect(second).toContain('"code":"SERVICE_UNAVAILABLE"');
    expect(second).not.toContain('routed');
  });

  it('is part of the API', async () => {
    const api = await startTestApi();
    try {
      expect(api.app.hasPlugin('answer-while-closing')).toBe(true);
    } finally {
      await api.close();
    }
  });
});
