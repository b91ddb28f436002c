import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { S3Store } from '@tus/s3-store';
import { ERRORS, type KvStore } from '@tus/utils';
import type { ObjectStore } from '@anb/core';
import type { ResumableStore } from './resumable-store.ts';

export interface S3ResumableStoreSettings {
  bucket: string;
  region: string;
  endpoint?: string | undefined;
  forcePathStyle: boolean;
  expiryMs: number;
  /** Scratch folder the finished upload is downloaded to for the check. */
  tmpDir: string;
  /** The media bucket as the app's object store, to delete what the library's `remove` leaves. */
  objects: ObjectStore;
}

/** Key prefix of unfinished uploads in the media bucket; the bucket's lifecycle rule expires what is left there. */
export const S3_RESUMABLE_PREFIX = 'resumable/';

/**
 * STORAGE=s3: an S3 multipart upload per tus upload, its state in a `<id>.info` object beside it.
 * The library caches that state per process by default; a cache that keeps nothing makes every
 * request read the bucket, so a process never answers from what another one has since changed.
 */
export function s3ResumableStore(settings: S3ResumableStoreSettings): ResumableStore {
  const datastore = new S3Store({
    s3ClientConfig: {
      bucket: settings.bucket,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    },
    expirationPeriodInMilliseconds: settings.expiryMs,
    // Expiry is the lifecycle rule on the prefix, not object tags (which need a tag-filtered rule).
    useTags: false,
    cache: new NoCache(),
  });
  return {
    datastore,
    idPrefix: S3_RESUMABLE_PREFIX,
    withFinishedFile: async (id, use) => {
      const filePath = path.join(settings.tmpDir, `${randomUUID()}.upload`);
      try {
        await pipeline((await datastore.read(id)) as Readable, createWriteStream(filePath));
        return await use(filePath);
      } finally {
        await rm(filePath, { force: true });
      }
    },
    discard: async (id) => {
      try {
        // Aborts the multipart upload of an unfinished one.
        await datastore.remove(id);
      } catch (error) {
        // A finished upload has no multipart upload left to abort, and `remove` stops there.
        if (error !== ERRORS.FILE_NOT_FOUND) throw error;
      }
      await settings.objects.delete([id, `${id}.info`, `${id}.part`]);
    },
  };
}

class NoCache<T> implements KvStore<T> {
  get(): Promise<T | undefined> {
    return Promise.resolve(undefined);
  }
  set(): Promise<void> {
    return Promise.resolve();
  }
  delete(): Promise<void> {
    return Promise.resolve();
  }
}
