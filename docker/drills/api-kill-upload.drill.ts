/**
 * An API container dies while it receives a 50 MB upload: the client gets a clear answer (an error it
 * can retry, or success), never a half-recorded video; the retry through the other container works.
 * Needs the stack from `npm run docker:up -- --for-tests`.
 */
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { API, newPlayer, uploadAccepted, videosOf, type Player } from './support/api.ts';
import { containersOf, docker, restartBehindBalancer, waitFor } from './support/containers.ts';
import { orphanObjects, sql } from './support/leftovers.ts';
import { fiftyMegabyteVideo } from './support/videos.ts';

let player: Player;
let video: string;

let killed = '';

before(async () => {
  [player, video] = await Promise.all([newPlayer(), fiftyMegabyteVideo()]);
});

after(async () => {
  // Whatever happened, both API containers serve the drills that follow.
  if (killed !== '') await restartBehindBalancer(killed);
});

type Outcome = { status: number; contentType: string; body: string } | { error: string };

/**
 * Streams a multipart upload; halfway through it calls `midway` and waits for it before sending the
 * rest, so the test can act while the API holds a partial file.
 */
async function uploadWithPause(file: string, midway: () => Promise<void>): Promise<Outcome> {
  const boundary = `----drill${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nJugada interrumpida\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="video_file"; filename="jugada.mp4"\r\n` +
      'Content-Type: video/mp4\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = (await stat(file)).size;
  const url = new URL(`${API}/videos/upload`);
  return new Promise<Outcome>((resolve) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        ...player.auth,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': head.length + size + tail.length,
      },
    });
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', (error) => resolve({ error: error.message }));
    req.write(head);
    let sent = 0;
    let midwayState: 'ahead' | 'running' | 'done' = 'ahead';
    const source = createReadStream(file, { highWaterMark: 256 * 1024 });
    source.on('data', (chunk) => {
      sent += chunk.length;
      if (!req.write(chunk)) {
        source.pause();
        req.once('drain', () => midwayState !== 'running' && source.resume());
      }
      if (midwayState === 'ahead' && sent > size / 2) {
        midwayState = 'running';
        source.pause();
        void midway().then(() => {
          midwayState = 'done';
          source.resume();
        });
      }
    });
    source.on('end', () => req.end(tail));
    source.on('error', (error) => resolve({ error: error.message }));
  });
}

/**
 * The API container receiving the body: the one whose partial upload file is growing now (a file left
 * by an earlier killed request may still be there until the sweep removes it).
 */
async function receivingApi(): Promise<string> {
  return waitFor('an API container to hold the partial upload', async () => {
    for (const api of await containersOf('api')) {
      const growing = await docker(
        'exec',
        api,
        'find',
        '/var/lib/anb/tmp',
        '-name',
        '*.upload',
        '-size',
        '+1M',
        '-mmin',
        '-0.1',
      );
      if (growing !== '') return api;
    }
    return undefined;
  });
}

test('an API container killed during a 50 MB upload: a clear error or success, never a half-recorded video', async (t) => {
  const rowsBefore = await sql('select count(*) from videos');
  const outcome = await uploadWithPause(video, async () => {
    killed = await receivingApi();
    await docker('kill', killed);
  });
  assert.notEqual(killed, '');
  t.diagnostic(`killed ${killed} mid-body; the client got ${JSON.stringify(outcome)}`);

  if ('error' in outcome) {
    // The connection was cut: the client sees a network error and can retry.
    assert.match(outcome.error, /socket|reset|closed|EPIPE|ECONNRESET/i);
  } else if (outcome.status === 201) {
    assert.fail('the upload cannot succeed through a container killed before the body arrived');
  } else {
    assert.equal(outcome.status, 503, outcome.body);
    assert.match(outcome.contentType, /^application\/problem\+json/);
    assert.equal((JSON.parse(outcome.body) as { code: string }).code, 'SERVICE_UNAVAILABLE');
  }
  assert.deepEqual(await videosOf(player), [], 'no video was recorded');
  assert.deepEqual(await sql('select count(*) from videos'), rowsBefore);
  assert.deepEqual(await orphanObjects(), []);

  // The client's retry goes to the surviving container (the killed one is restarted after the test).
  const videoId = await uploadAccepted(player, video);
  assert.deepEqual(
    (await videosOf(player)).map((recorded) => recorded.video_id),
    [videoId],
  );
});
