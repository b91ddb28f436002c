import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { errorCode } from './error-code.ts';

export type RenameFile = (from: string, to: string) => Promise<void>;
/** Flushes a file's bytes, or a folder's entries, to the disk. */
export type SyncToDisk = (fileOrFolder: string) => Promise<void>;

export interface MoveSeams {
  /** Tests simulate a cross-device move with it. */
  renameFile?: RenameFile;
  /** Tests see the order of flushes and renames with it. */
  syncToDisk?: SyncToDisk;
}

/**
 * Moves `source` to `destination` so readers never see a half-written file, and so a stored object
 * survives a power cut once this resolves: the bytes are flushed before the rename and the folder's
 * entry after it. One rename on the same filesystem (O(1) for big uploads), otherwise a copy to a
 * hidden temp name beside the destination followed by a rename. Afterwards the source is gone; if the
 * move fails the source is left in place.
 */
export async function moveFileAtomically(source: string, destination: string, seams: MoveSeams = {}) {
  const { renameFile = rename, syncToDisk = fsyncPath } = seams;
  const folder = path.dirname(destination);
  const firstCreated = await mkdir(folder, { recursive: true });
  // A folder made just now is itself an entry of its parent, which must reach the disk too.
  const foldersToSync = firstCreated ? [folder, path.dirname(firstCreated)] : [folder];
  await syncToDisk(source);
  try {
    await renameFile(source, destination);
    for (const changed of foldersToSync) await syncToDisk(changed);
    return;
  } catch (error) {
    if (errorCode(error) !== 'EXDEV') throw error;
  }
  const tempFile = path.join(folder, `.tmp-${randomBytes(8).toString('hex')}-${path.basename(destination)}`);
  try {
    await copyFile(source, tempFile);
    await syncToDisk(tempFile);
    await renameFile(tempFile, destination);
    for (const changed of foldersToSync) await syncToDisk(changed);
  } catch (error) {
    await rm(tempFile, { force: true });
    throw error;
  }
  await rm(source, { force: true });
}

/** fsync(2) on a file or a folder (opened read-only: Linux flushes either through any descriptor). */
async function fsyncPath(fileOrFolder: string): Promise<void> {
  const handle = await open(fileOrFolder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
