import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectNotFoundError, objectKeys } from '@anb/core';
import type { ObjectStore } from '@anb/core';
import { InvalidObjectKeyError } from '../src/index.ts';

export interface ObjectStoreFixture {
  store: ObjectStore;
  /** GETs a URL from `signedUrl` the way a browser reaches it in this deployment. */
  fetchSignedUrl(url: string): Promise<Response>;
  /** The same kind of store with its backend unusable, so readiness must fail. */
  unusableStore(): Promise<ObjectStore>;
}

// Larger than one 8 MiB multipart part, so S3 uploads really go multipart.
const LARGE_FILE_BYTES = 12 * 1024 * 1024;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Registers the behaviour every ObjectStore adapter must share; each adapter's test file calls it once. */
export function describeObjectStoreContract(name: string, createFixture: () => Promise<ObjectStoreFixture>): void {
  describe(`${name} (ObjectStore contract)`, () => {
    let fixture: ObjectStoreFixture;
    let scratchDir: string;

    beforeAll(async () => {
      fixture = await createFixture();
      scratchDir = await mkdtemp(path.join(tmpdir(), 'anb-store-contract-'));
    });
    afterAll(async () => {
      if (scratchDir) await rm(scratchDir, { recursive: true, force: true });
    });

    const freshKey = () => objectKeys.original(randomUUID());
    const downloadPath = () => path.join(scratchDir, `download-${randomUUID()}`);
    // A new source file per put: the local adapter consumes its source.
    const sourceFile = async (bytes: Uint8Array) => {
      const file = path.join(scratchDir, `source-${randomUUID()}`);
      await writeFile(file, bytes);
      return file;
    };
    const put = async (key: string, bytes: Uint8Array) =>
      fixture.store.putFile(key, await sourceFile(bytes), 'video/mp4');
    const get = async (key: string) => {
      const file = downloadPath();
      await fixture.store.getToFile(key, file);
      return readFile(file);
    };

    it('round-trips the bytes of a small file', async () => {
      const key = freshKey();
      const bytes = randomBytes(1000);
      await put(key, bytes);
      expect(await get(key)).toEqual(bytes);
    });

    it('round-trips a file larger than one multipart part', async () => {
      const key = objectKeys.processed(randomUUID());
      const bytes = randomBytes(LARGE_FILE_BYTES);
      await put(key, bytes);
      const copy = await get(key);
      expect(copy.length).toBe(LARGE_FILE_BYTES);
      expect(sha256(copy)).toBe(sha256(bytes));
    });

    it('replaces an existing object on put', async () => {
      const key = objectKeys.poster(randomUUID());
      await put(key, Buffer.from('first version, longer than the second'));
      await put(key, Buffer.from('second'));
      expect((await get(key)).toString()).toBe('second');
    });

    it('reads an object back as a stream of its bytes', async () => {
      const key = objectKeys.poster(randomUUID());
      const bytes = randomBytes(70_000);
      await put(key, bytes);
      const chunks: Uint8Array[] = [];
      for await (const chunk of await fixture.store.read(key)) chunks.push(chunk);
      expect(Buffer.concat(chunks)).toEqual(bytes);
    });

    it('rejects read of a missing key with ObjectNotFoundError before any byte', async () => {
      await expect(fixture.store.read(objectKeys.poster(randomUUID()))).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it('rejects get of a missing key with ObjectNotFoundError and writes no file', async () => {
      const key = freshKey();
      const file = downloadPath();
      const failure = fixture.store.getToFile(key, file);
      await expect(failure).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(failure).rejects.toMatchObject({ key });
      await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('rejects a put whose source file is missing and stores nothing', async () => {
      const key = freshKey();
      const missing = path.join(scratchDir, `missing-${randomUUID()}`);
      await expect(fixture.store.putFile(key, missing, 'video/mp4')).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await fixture.store.exists(key)).toBe(false);
    });

    it('reports existence before put, after put and after delete', async () => {
      const key = freshKey();
      expect(await fixture.store.exists(key)).toBe(false);
      await put(key, Buffer.from('x'));
      expect(await fixture.store.exists(key)).toBe(true);
      await fixture.store.delete([key]);
      expect(await fixture.store.exists(key)).toBe(false);
    });

    it('deletes several keys in one call, ignoring keys that do not exist', async () => {
      const kept = freshKey();
      const doomed = [freshKey(), objectKeys.processed(randomUUID()), objectKeys.poster(randomUUID())];
      for (const key of [kept, ...doomed]) await put(key, Buffer.from(key));
      await fixture.store.delete([...doomed, freshKey()]);
      for (const key of doomed) expect(await fixture.store.exists(key)).toBe(false);
      expect(await fixture.store.exists(kept)).toBe(true);
    });

    it('treats deleting twice, or nothing, as success', async () => {
      const key = freshKey();
      await put(key, Buffer.from('x'));
      await fixture.store.delete([key]);
      await expect(fixture.store.delete([key])).resolves.toBeUndefined();
      await expect(fixture.store.delete([])).resolves.toBeUndefined();
    });

    it('gives a signed URL that serves the object bytes', async () => {
      const key = objectKeys.processed(randomUUID());
      const bytes = randomBytes(4096);
      await put(key, bytes);
      const response = await fixture.fetchSignedUrl(await fixture.store.signedUrl(key, 60));
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
    });

    it.each([
      '../escape.mp4',
      'uploaded/../../escape.mp4',
      '/etc/passwd',
      'Uploaded/X.mp4',
      'uploaded//x.mp4',
      'uploaded/.x',
      '',
    ])('rejects the invalid key %j before touching the backend', async (key) => {
      const file = await sourceFile(Buffer.from('x'));
      await expect(fixture.store.putFile(key, file, 'video/mp4')).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(fixture.store.getToFile(key, downloadPath())).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(fixture.store.exists(key)).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(fixture.store.delete([key])).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(fixture.store.signedUrl(key, 60)).rejects.toBeInstanceOf(InvalidObjectKeyError);
    });

    it('passes ping while the backend is usable', async () => {
      await expect(fixture.store.ping()).resolves.toBeUndefined();
    });

    it('fails ping when the backend is unusable', async () => {
      const unusable = await fixture.unusableStore();
      await expect(unusable.ping()).rejects.toThrow();
    });
  });
}
