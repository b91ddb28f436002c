import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Older than any upload or render can run, so whatever is left is a crashed process's. */
export const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * Removes what a killed process left in a scratch folder (partial uploads, render folders):
 * entries untouched for longer than `staleAfterMs`. Recent ones may belong to a live process.
 */
export async function sweepStaleFiles(
  folder: string,
  now = Date.now(),
  staleAfterMs = STALE_AFTER_MS,
  matches: (name: string) => boolean = () => true,
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.filter(matches)) {
    const entry = path.join(folder, name);
    const { mtimeMs } = await stat(entry).catch(() => ({ mtimeMs: now }));
    if (now - mtimeMs > staleAfterMs) {
      await rm(entry, { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

/** A multipart upload in progress: its file grows as bytes arrive (`receive-upload.ts`). */
export const isPartialUpload = (name: string) => name.endsWith('.upload');

/**
 * How old an untouched partial upload must be to belong to no live request: a request that sends
 * nothing for `idleTimeoutSeconds` is dropped and its file removed by its own process, so twice that
 * leaves a safe margin. Far shorter than STALE_AFTER_MS, so a killed process's partial file goes soon.
 */
export const abandonedUploadAfterMs = (idleTimeoutSeconds: number) => 2 * idleTimeoutSeconds * 1000;
