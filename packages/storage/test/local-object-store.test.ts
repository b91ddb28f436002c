import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectKeys } from '@anb/core';
import { EXPIRY_WINDOW_SECONDS, InvalidObjectKeyError, LocalObjectStore, MEDIA_ROUTE_PREFIX } from '../src/index.ts';
import { describeObjectStoreContract } from './object-store.contract.ts';

const SECRET = 'test-signing-secret';
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'anb-local-store-'));
});
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** What the API's media route does: verify the URL, then serve the file behind the key. */
async function serveLikeMediaRoute(store: LocalObjectStore, url: string): Promise<Response> {
  const { pathname, searchParams } = new URL(url, 'http://api.test');
  const key = pathname.slice(MEDIA_ROUTE_PREFIX.length);
  const expires = searchParams.get('expires') ?? '';
  const signature = searchParams.get('signature') ?? '';
  if (!store.verifyMediaSignature({ key, expires, signature })) return new Response(null, { status: 403 });
  return new Response(new Uint8Array(await readFile(store.resolveObjectPath(key))));
}

describeObjectStoreContract('LocalObjectStore', async () => {
  const store = new LocalObjectStore({ rootDir: path.join(workDir, 'objects'), signingSecret: SECRET });
  return {
    store,
    fetchSignedUrl: (url) => serveLikeMediaRoute(store, url),
    unusableStore: async () => {
      // A root below a regular file can never be created or written.
      const blocker = path.join(workDir, 'a-file-not-a-folder');
      await writeFile(blocker, '');
      return new LocalObjectStore({ rootDir: path.join(blocker, 'objects'), signingSecret: SECRET });
    },
  };
});

describe('LocalObjectStore signed media URLs', () => {
  const windowStartMs = 1_700_000_100 * 1000; // a multiple of EXPIRY_WINDOW_SECONDS
  let clockMs = windowStartMs;
  const store = () =>
    new LocalObjectStore({ rootDir: path.join(workDir, 'urls'), signingSecret: SECRET, now: () => clockMs });
  const key = objectKeys.processed('0190f5a2-7c1e-7000-8000-000000000001');
  const paramsOf = (url: string) => {
    const { pathname, searchParams } = new URL(url, 'http://api.test');
    return {
      key: pathname.slice(MEDIA_ROUTE_PREFIX.length),
      expires: Number(searchParams.get('expires')),
      signature: searchParams.get('signature') ?? '',
    };
  };

  it('is origin-relative under /media/ and expires at a window boundary at least ttl away', async () => {
    clockMs = windowStartMs + 1000;
    const url = await store().signedUrl(key, 600);
    expect(url).toMatch(new RegExp(`^/media/${key}\\?expires=\\d+&signature=[A-Za-z0-9_-]{43}$`));
    const { expires } = paramsOf(url);
    expect(expires % EXPIRY_WINDOW_SECONDS).toBe(0);
    expect(expires).toBeGreaterThanOrEqual(clockMs / 1000 + 600);
    expect(expires).toBeLessThanOrEqual(clockMs / 1000 + 600 + EXPIRY_WINDOW_SECONDS);
  });

  it('gives the same URL for the same key within one window, and a new one after it', async () => {
    clockMs = windowStartMs + 1000;
    const first = await store().signedUrl(key, 600);
    clockMs = windowStartMs + (EXPIRY_WINDOW_SECONDS - 1) * 1000;
    expect(await store().signedUrl(key, 600)).toBe(first);
    clockMs = windowStartMs + (EXPIRY_WINDOW_SECONDS + 1) * 1000;
    expect(await store().signedUrl(key, 600)).not.toBe(first);
  });

  it('verifies the parameters of its own URL', async () => {
    clockMs = windowStartMs;
    const params = paramsOf(await store().signedUrl(key, 600));
    expect(store().verifyMediaSignature(params)).toBe(true);
    expect(store().verifyMediaSignature({ ...params, expires: String(params.expires) })).toBe(true);
  });

  it('rejects a tampered key, expiry or signature', async () => {
    clockMs = windowStartMs;
    const params = paramsOf(await store().signedUrl(key, 600));
    const flipped = (params.signature[0] === 'A' ? 'B' : 'A') + params.signature.slice(1);
    expect(store().verifyMediaSignature({ ...params, key: objectKeys.original(randomUUID()) })).toBe(false);
    expect(store().verifyMediaSignature({ ...params, expires: params.expires + EXPIRY_WINDOW_SECONDS })).toBe(false);
    expect(store().verifyMediaSignature({ ...params, expires: `${params.expires}0` })).toBe(false);
    expect(store().verifyMediaSignature({ ...params, signature: flipped })).toBe(false);
    expect(store().verifyMediaSignature({ ...params, signature: `${params.signature}=` })).toBe(false);
    expect(store().verifyMediaSignature({ ...params, signature: '' })).toBe(false);
  });

  it('rejects a URL signed with another secret', async () => {
    clockMs = windowStartMs;
    const params = paramsOf(await store().signedUrl(key, 600));
    const other = new LocalObjectStore({ rootDir: workDir, signingSecret: 'another-secret', now: () => clockMs });
    expect(other.verifyMediaSignature(params)).toBe(false);
  });

  it('rejects the URL from the moment it expires', async () => {
    clockMs = windowStartMs;
    const params = paramsOf(await store().signedUrl(key, 600));
    expect(store().verifyMediaSignature({ ...params, now: params.expires * 1000 - 1 })).toBe(true);
    expect(store().verifyMediaSignature({ ...params, now: params.expires * 1000 })).toBe(false);
  });

  it('refuses a non-positive ttl', async () => {
    await expect(store().signedUrl(key, 0)).rejects.toBeInstanceOf(RangeError);
  });

  it('refuses an empty signing secret', () => {
    expect(() => new LocalObjectStore({ rootDir: workDir, signingSecret: '' })).toThrow(/signingSecret/);
  });
});

describe('LocalObjectStore files on disk', () => {
  const rootOf = (name: string) => path.join(workDir, name);
  const storeAt = (rootDir: string) => new LocalObjectStore({ rootDir, signingSecret: SECRET });

  it('resolves a key to a file inside the root', () => {
    const rootDir = rootOf('resolve');
    expect(storeAt(rootDir).resolveObjectPath('uploaded/abc.mp4')).toBe(path.join(rootDir, 'uploaded', 'abc.mp4'));
  });

  it.each([
    '../x.mp4',
    'uploaded/../../x.mp4',
    '/etc/passwd',
    'uploaded\\..\\x.mp4',
    '%2e%2e/x.mp4',
    'uploaded/..',
    '.',
  ])('refuses to resolve the traversal attempt %j', (key) => {
    expect(() => storeAt(rootOf('resolve')).resolveObjectPath(key)).toThrow(InvalidObjectKeyError);
  });

  it('moves the source into the store (the source is consumed)', async () => {
    const store = storeAt(rootOf('move'));
    const source = path.join(workDir, `upload-${randomUUID()}.tmp`);
    await writeFile(source, 'video bytes');
    const key = objectKeys.original(randomUUID());
    await store.putFile(key, source, 'video/mp4');
    await expect(stat(source)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(store.resolveObjectPath(key), 'utf8')).toBe('video bytes');
  });

  it('refuses a directory as the source', async () => {
    const store = storeAt(rootOf('dir-source'));
    const source = await mkdtemp(path.join(workDir, 'not-a-file-'));
    await expect(store.putFile(objectKeys.original(randomUUID()), source, 'video/mp4')).rejects.toThrow(/regular file/);
    expect((await stat(source)).isDirectory()).toBe(true);
  });

  it('leaves no stray files and keeps the source when the put fails', async () => {
    const rootDir = rootOf('failing-put');
    const store = storeAt(rootDir);
    const key = objectKeys.original(randomUUID());
    // A non-empty directory where the object should go makes the final rename fail.
    await mkdir(path.join(store.resolveObjectPath(key), 'occupied'), { recursive: true });
    const source = path.join(workDir, `upload-${randomUUID()}.tmp`);
    await writeFile(source, 'video bytes');
    await expect(store.putFile(key, source, 'video/mp4')).rejects.toThrow();
    expect(await readdir(path.join(rootDir, 'uploaded'))).toEqual([path.basename(key)]);
    expect(await readFile(source, 'utf8')).toBe('video bytes');
  });

  it('passes ping on a fresh data folder by creating it', async () => {
    const rootDir = path.join(rootOf('fresh'), 'nested', 'objects');
    await storeAt(rootDir).ping();
    expect((await stat(rootDir)).isDirectory()).toBe(true);
  });
});

describe('LocalObjectStore getToFile on the same filesystem', () => {
  const store = () => new LocalObjectStore({ rootDir: path.join(workDir, 'linked'), signingSecret: SECRET });
  const staged = async (bytes: string) => {
    const file = path.join(workDir, `staged-${randomUUID()}`);
    await writeFile(file, bytes);
    return file;
  };

  it('hands out the stored file without copying its bytes (a hard link)', async () => {
    const key = objectKeys.original(randomUUID());
    await store().putFile(key, await staged('original bytes'), 'video/mp4');
    const copy = path.join(workDir, `job-${randomUUID()}.mp4`);

    await store().getToFile(key, copy);

    expect((await stat(copy)).ino).toBe((await stat(store().resolveObjectPath(key))).ino);
    expect(await readFile(copy, 'utf8')).toBe('original bytes');
  });

  it('keeps the bytes it handed out when the object is replaced or deleted afterwards, as a copy would', async () => {
    const key = objectKeys.original(randomUUID());
    await store().putFile(key, await staged('first'), 'video/mp4');
    const first = path.join(workDir, `job-${randomUUID()}.mp4`);
    const second = path.join(workDir, `job-${randomUUID()}.mp4`);
    await store().getToFile(key, first);
    await store().getToFile(key, second);

    await store().putFile(key, await staged('second'), 'video/mp4');
    await store().delete([key]);

    expect(await readFile(first, 'utf8')).toBe('first');
    expect(await readFile(second, 'utf8')).toBe('first');
  });

  it('replaces a file already at the destination', async () => {
    const key = objectKeys.original(randomUUID());
    await store().putFile(key, await staged('stored'), 'video/mp4');
    const destination = await staged('left over from an earlier attempt');

    await store().getToFile(key, destination);

    expect(await readFile(destination, 'utf8')).toBe('stored');
  });
});
