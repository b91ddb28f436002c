import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveFileAtomically } from '../src/move-file.ts';
import type { RenameFile } from '../src/move-file.ts';

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'anb-move-'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Behaves like rename across two filesystems: the kernel refuses to move `source` itself. */
const crossDevice =
  (source: string): RenameFile =>
  async (from, to) => {
    if (from === source) throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
    await rename(from, to);
  };

describe('moveFileAtomically', () => {
  it('renames within one filesystem and creates the destination folder', async () => {
    const source = path.join(workDir, 'source.mp4');
    const destination = path.join(workDir, 'store', 'uploaded', 'a.mp4');
    await writeFile(source, 'bytes');
    await moveFileAtomically(source, destination);
    expect(await readFile(destination, 'utf8')).toBe('bytes');
    await expect(stat(source)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('falls back to copy-then-rename across filesystems, consuming the source and leaving no temp file', async () => {
    const source = path.join(workDir, 'source.mp4');
    const destination = path.join(workDir, 'store', 'a.mp4');
    await writeFile(source, 'bytes');
    await moveFileAtomically(source, destination, { renameFile: crossDevice(source) });
    expect(await readFile(destination, 'utf8')).toBe('bytes');
    await expect(stat(source)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(path.dirname(destination))).toEqual(['a.mp4']);
  });

  it('removes its temp file and keeps the source when the cross-filesystem move fails', async () => {
    const source = path.join(workDir, 'source.mp4');
    const destination = path.join(workDir, 'store', 'a.mp4');
    await writeFile(source, 'bytes');
    await mkdir(path.join(destination, 'occupied'), { recursive: true });
    await expect(moveFileAtomically(source, destination, { renameFile: crossDevice(source) })).rejects.toThrow();
    expect(await readdir(path.dirname(destination))).toEqual(['a.mp4']);
    expect(await readFile(source, 'utf8')).toBe('bytes');
  });

  it('passes on errors other than a cross-device move', async () => {
    const missing = path.join(workDir, 'missing.mp4');
    await expect(moveFileAtomically(missing, path.join(workDir, 'a.mp4'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('flushes the bytes before the rename and the folder entries after it, new folders included', async () => {
    const source = path.join(workDir, 'source.mp4');
    const destination = path.join(workDir, 'store', 'uploaded', 'a.mp4');
    await writeFile(source, 'bytes');
    const steps: string[] = [];
    const name = (file: string) => path.relative(workDir, file) || '.';
    await moveFileAtomically(source, destination, {
      renameFile: async (from, to) => {
        steps.push(`rename ${name(from)} -> ${name(to)}`);
        await rename(from, to);
      },
      syncToDisk: async (file) => void steps.push(`sync ${name(file)}`),
    });
    expect(steps).toEqual([
      'sync source.mp4',
      'rename source.mp4 -> store/uploaded/a.mp4',
      'sync store/uploaded',
      'sync .',
    ]);
  });

  it('flushes the copy before renaming it across filesystems', async () => {
    const source = path.join(workDir, 'source.mp4');
    const destination = path.join(workDir, 'a.mp4');
    await writeFile(source, 'bytes');
    const steps: string[] = [];
    await moveFileAtomically(source, destination, {
      renameFile: async (from, to) => {
        await crossDevice(source)(from, to);
        steps.push(`rename ${path.basename(from).startsWith('.tmp-') ? 'copy' : from}`);
      },
      syncToDisk: async (file) =>
        void steps.push(
          `sync ${path.basename(file).startsWith('.tmp-') ? 'copy' : path.relative(workDir, file) || '.'}`,
        ),
    });
    expect(steps).toEqual(['sync source.mp4', 'sync copy', 'rename copy', 'sync .']);
  });

  it('flushes files and folders for real by default', async () => {
    const source = path.join(workDir, 'source.mp4');
    const destination = path.join(workDir, 'store', 'a.mp4');
    await writeFile(source, 'bytes');
    await moveFileAtomically(source, destination);
    expect(await readFile(destination, 'utf8')).toBe('bytes');
  });
});
