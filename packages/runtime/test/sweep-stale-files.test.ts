import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abandonedUploadAfterMs, isPartialUpload, STALE_AFTER_MS, sweepStaleFiles } from '../src/sweep-stale-files.ts';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'anb-sweep-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

async function touch(name: string, ageMs: number, directory = false) {
  const entry = path.join(folder, name);
  if (directory) {
    await mkdir(entry);
    await writeFile(path.join(entry, 'original.mp4'), 'x');
  } else {
    await writeFile(entry, 'partial');
  }
  const when = new Date(Date.now() - ageMs);
  await utimes(entry, when, when);
}

describe('sweepStaleFiles', () => {
  it('removes partial uploads and render folders left by a crash, keeps recent ones', async () => {
    await touch('old.upload', STALE_AFTER_MS + 60_000);
    await touch('job-old', STALE_AFTER_MS + 60_000, true);
    await touch('fresh.upload', 1_000);
    await touch('job-running', 1_000, true);

    const removed = await sweepStaleFiles(folder);

    expect(removed.sort()).toEqual(['job-old', 'old.upload']);
    expect((await readdir(folder)).sort()).toEqual(['fresh.upload', 'job-running']);
  });

  it('removes partial uploads idle for twice the upload idle timeout, and nothing else that is recent', async () => {
    const abandonedAfterMs = abandonedUploadAfterMs(60);
    await touch('killed.upload', abandonedAfterMs + 5_000);
    await touch('receiving.upload', 30_000);
    await touch('job-rendering', abandonedAfterMs + 5_000, true);

    const removed = await sweepStaleFiles(folder, Date.now(), abandonedAfterMs, isPartialUpload);

    expect(removed).toEqual(['killed.upload']);
    expect((await readdir(folder)).sort()).toEqual(['job-rendering', 'receiving.upload']);
  });

  it('does nothing for a folder that does not exist yet', async () => {
    expect(await sweepStaleFiles(path.join(folder, 'missing'))).toEqual([]);
  });
});
