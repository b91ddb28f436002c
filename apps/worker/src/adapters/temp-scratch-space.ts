import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ScratchSpace } from '@anb/core';

/** One private folder per job under `root`, removed whatever happens to the job. */
export class TempScratchSpace implements ScratchSpace {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  async create(): Promise<{ dir: string; dispose(): Promise<void> }> {
    await mkdir(this.#root, { recursive: true });
    const dir = await mkdtemp(path.join(this.#root, 'job-'));
    return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
  }
}
