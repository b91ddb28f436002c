import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { errorCode } from './error-code.ts';

export type RenameFile = (from: string, to: string) => Promise<void>;

/**
 * Moves `source` to `destination` so readers never see a half-written file: one rename on the same
 * filesystem (O(1) for big uploads), otherwise a copy to a hidden temp name beside the destination
 * followed by a rename. Afterwards the source is gone; if the move fails the source is left in place.
 * `renameFile` is a seam so tests can simulate a cross-device move.
 */
export async function moveFileAtomically(source: string, destination: string, renameFile: RenameFile = rename) {
  const folder = path.dirname(destination);
  await mkdir(folder, { recursive: true });
  try {
    await renameFile(source, destination);
    return;
  } catch (error) {
    if (errorCode(error) !== 'EXDEV') throw error;
  }
  const tempFile = path.join(folder, `.tmp-${randomBytes(8).toString('hex')}-${path.basename(destination)}`);
  try {
    await copyFile(source, tempFile);
    await renameFile(tempFile, destination);
  } catch (error) {
    await rm(tempFile, { force: true });
    throw error;
  }
  await rm(source, { force: true });
}
