import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { FastifyInstance } from 'fastify';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createS3Client, S3ObjectStore } from '@anb/storage/aws';
import { createTestRuntime, type TestRuntime } from '@anb/testing/runtime';
import { createApi } from '../src/create-api.ts';
import { validLandscape } from '@anb/testing/mp4';
import { newPlayer, type Player } from '@anb/testing/players';
import { startMultipartListingProxy, type MultipartListingProxy } from '@anb/testing/multipart-listing-proxy';
import { tusUpload, tusUploadFirstChunk } from './support/tus-client.ts';

const BUCKET = 'anb-media-resumable-test';
let emulator: FauxqsServer;
let proxy: MultipartListingProxy;
let client: S3Client;
let shared: TestRuntime;
let first: { app: FastifyInstance; origin: string };
let second: { app: FastifyInstance; origin: string };
let player: Player;

/** An API process with STORAGE=s3 over the emulated bucket; the database is shared. */
async function startInstance() {
  const runtime = { ...shared.runtime, store: new S3ObjectStore({ bucket: BUCKET, client }), localStore: undefined };
  const app = await createApi(shared.config, runtime);
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, origin };
}

beforeAll(async () => {
  // The emulator accepts any credentials; the default chain reads these from the environment.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  emulator = await startFauxqs({ port: 0, logger: false });
  const endpoint = `http://127.0.0.1:${emulator.port}`;
  client = createS3Client({ region: 'us-east-1', endpoint, forcePathStyle: true });
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  proxy = await startMultipartListingProxy(endpoint);
  shared = await createTestRuntime({
    STORAGE: 's3',
    S3_BUCKET: BUCKET,
    // The tus store reaches the emulator through the proxy that adds the listings it lacks.
    S3_ENDPOINT: proxy.endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    UPLOAD_MAX_BYTES: String(20 * 1024 * 1024),
  });
  first = await startInstance();
  second = await startInstance();
  player = await newPlayer(first.app);
});
afterAll(async () => {
  await first?.app.close();
  await second?.app.close();
  await shared?.close();
  client?.destroy();
  await proxy?.close();
  await emulator?.stop();
  vi.unstubAllEnvs();
});

const keysUnder = async (prefix: string) =>
  ((await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }))).Contents ?? []).map(
    (object) => object.Key,
  );
const through = (instance: { origin: string }, url: string) => `${instance.origin}${new URL(url).pathname}`;

describe('STORAGE=s3: the upload state lives in the bucket', () => {
  it('resumes through another process an upload cut inside its first S3 part, and stores the original', async () => {
    const video = await readFile(await validLandscape());
    const half = Math.ceil(video.length / 2);
    const url = await tusUploadFirstChunk(video, {
      endpoint: `${first.origin}/api/uploads`,
      headers: player.auth,
      metadata: { title: 'Alley-oop' },
      chunkSize: half,
    });
    const head = await fetch(through(second, url), {
      method: 'HEAD',
      headers: { 'tus-resumable': '1.0.0', ...player.auth },
    });
    expect(head.headers.get('upload-offset')).toBe(String(half));

    const outcome = await tusUpload(video, { uploadUrl: through(second, url), headers: player.auth });

    expect(outcome.status).toBe(204);
    const original = await client.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: `uploaded/${outcome.videoId}.mp4` }),
    );
    expect(
      Buffer.from(
        await (original.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      ).equals(video),
    ).toBe(true);
    expect(await keysUnder('resumable/')).toEqual([]);
    expect(await shared.queuedVideoIds()).toContain(outcome.videoId);
  });

  it('refuses a 12 MB file of noise sent in two S3 parts through two processes, leaving no object', async () => {
    const noise = randomBytes(12 * 1024 * 1024);
    const url = await tusUploadFirstChunk(noise, {
      endpoint: `${first.origin}/api/uploads`,
      headers: player.auth,
      metadata: { title: 'Ruido' },
      chunkSize: 6 * 1024 * 1024,
    });
    expect((await keysUnder('resumable/')).length).toBeGreaterThan(0);

    const outcome = await tusUpload(noise, { uploadUrl: through(second, url), headers: player.auth });

    expect(outcome.status).toBe(400);
    expect(JSON.parse(outcome.body)).toMatchObject({ code: 'UNSUPPORTED_TYPE' });
    expect(await keysUnder('resumable/')).toEqual([]);
    expect(await keysUnder('uploaded/')).toHaveLength(1);
  });
});
