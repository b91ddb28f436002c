import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { startFauxqs } from 'fauxqs';
import type { FauxqsServer } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { objectKeys } from '@anb/core';
import { createS3Client, S3ObjectStore } from '../src/aws.ts';
import { describeObjectStoreContract } from './object-store.contract.ts';

const BUCKET = 'anb-media-test';
let emulator: FauxqsServer;
let client: S3Client;
let workDir: string;

/** A client for the emulator, built the way production builds one (default credential chain). */
const clientFor = (server: FauxqsServer) =>
  createS3Client({ region: 'us-east-1', endpoint: `http://127.0.0.1:${server.port}`, forcePathStyle: true });

beforeAll(async () => {
  // The emulator accepts any credentials; the default chain reads these from the environment.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  emulator = await startFauxqs({ port: 0, logger: false });
  client = clientFor(emulator);
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  workDir = await mkdtemp(path.join(tmpdir(), 'anb-s3-store-'));
});
afterAll(async () => {
  client?.destroy();
  await emulator?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

describeObjectStoreContract('S3ObjectStore', async () => ({
  store: new S3ObjectStore({ bucket: BUCKET, client }),
  fetchSignedUrl: (url) => fetch(url),
  unusableStore: async () => new S3ObjectStore({ bucket: 'anb-no-such-bucket', client }),
}));

describe('S3ObjectStore on the S3 wire protocol', () => {
  const store = () => new S3ObjectStore({ bucket: BUCKET, client });
  const putBytes = async (key: string, bytes: Uint8Array, contentType = 'video/mp4') => {
    const file = path.join(workDir, `source-${randomUUID()}`);
    await writeFile(file, bytes);
    await store().putFile(key, file, contentType);
  };

  it('uploads a file larger than one part as a two-part multipart upload with its content type', async () => {
    const key = objectKeys.processed(randomUUID());
    await putBytes(key, randomBytes(12 * 1024 * 1024));
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    // A multipart ETag is the MD5 of the part digests followed by "-<part count>".
    expect(head.ETag).toMatch(/-2"$/);
    expect(head.ContentType).toBe('video/mp4');
    expect(head.ContentLength).toBe(12 * 1024 * 1024);
  });

  it('stores the content type of a single-part upload', async () => {
    const key = objectKeys.poster(randomUUID());
    await putBytes(key, randomBytes(100), 'image/jpeg');
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head.ContentType).toBe('image/jpeg');
  });

  it('presigns an absolute URL at the configured endpoint', async () => {
    const key = objectKeys.processed(randomUUID());
    const url = new URL(await store().signedUrl(key, 900));
    expect(url.origin).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(url.pathname).toBe(`/${BUCKET}/${key}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it("presigns at the signing client's endpoint when browsers reach the store at another address", async () => {
    const key = objectKeys.processed(randomUUID());
    await putBytes(key, Buffer.from('visible from the browser'));
    // "localhost" stands for the public address; this process keeps writing through 127.0.0.1.
    const publicEndpoint = `http://localhost:${emulator.port}`;
    const signingClient = createS3Client({ region: 'us-east-1', endpoint: publicEndpoint, forcePathStyle: true });
    const url = await new S3ObjectStore({ bucket: BUCKET, client, signingClient }).signedUrl(key, 60);
    signingClient.destroy();
    expect(new URL(url).origin).toBe(publicEndpoint);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('visible from the browser');
  });

  it('serves a byte range through the signed URL (206 Partial Content)', async () => {
    const key = objectKeys.processed(randomUUID());
    const bytes = randomBytes(1000);
    await putBytes(key, bytes);
    const response = await fetch(await store().signedUrl(key, 60), { headers: { Range: 'bytes=0-99' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 0-99/1000');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes.subarray(0, 100));
  });

  it('fails ping once the S3 endpoint has gone away', async () => {
    const doomed = await startFauxqs({ port: 0, logger: false });
    const doomedClient = clientFor(doomed);
    try {
      await doomedClient.send(new CreateBucketCommand({ Bucket: BUCKET }));
      const doomedStore = new S3ObjectStore({ bucket: BUCKET, client: doomedClient });
      await expect(doomedStore.ping()).resolves.toBeUndefined();
      await doomed.stop();
      await expect(doomedStore.ping()).rejects.toThrow();
    } finally {
      doomedClient.destroy();
      await doomed.stop().catch(() => undefined);
    }
  });
});
