import { rm } from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import type { DataStore } from '@tus/utils';

/**
 * Where tus uploads live while they are unfinished: a folder of the data directory, or the media bucket.
 * Everything about an upload (size, offset, metadata, owner) is in the store, so any API process can
 * resume an upload another one started.
 */
export interface ResumableStore {
  datastore: DataStore;
  /** Prefix of the store's ids; the URL carries the id without it. */
  idPrefix: string;
  /** Hands the finished upload's bytes to `use` as a local file; it may be moved away by `use`. */
  withFinishedFile<T>(id: string, use: (filePath: string) => Promise<T>): Promise<T>;
  /** Removes every trace of the upload (bytes, state); missing pieces are fine. */
  discard(id: string): Promise<void>;
}

/** The embedded default: the bytes and a `.json` state file per upload in `directory` (on the data disk). */
export function fileResumableStore(directory: string, expiryMs: number): ResumableStore {
  const datastore = new FileStore({ directory, expirationPeriodInMilliseconds: expiryMs });
  const bytesOf = (id: string) => path.join(directory, id);
  return {
    datastore,
    idPrefix: '',
    // Same disk as the local objects: storing the original is a rename of this very file.
    withFinishedFile: (id, use) => use(bytesOf(id)),
    discard: async (id) => {
      await rm(bytesOf(id), { force: true });
      await rm(`${bytesOf(id)}.json`, { force: true });
    },
  };
}
