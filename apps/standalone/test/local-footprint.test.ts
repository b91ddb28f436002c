/**
 * `npm start` on local disk and the PostgreSQL queue never loads the AWS SDK: it would be a fifth of the
 * API's heap for nothing (ADR 34). The AWS column is tested in aws-adapters.test.ts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { startStack, type RunningStack } from '@anb/testing/stack';

const recorder = fileURLToPath(new URL('./support/record-loaded-packages.ts', import.meta.url));
let folder: string | undefined;
let stack: RunningStack | undefined;
afterAll(async () => {
  await stack?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

it('npm start with the embedded defaults boots, worker included, without loading an AWS package', async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'anb-footprint-'));
  const loadedFile = path.join(folder, 'loaded.txt');
  stack = await startStack({
    env: {
      NODE_OPTIONS: `--import=${JSON.stringify(recorder)}`,
      LOADED_PACKAGES_FILE: loadedFile,
      WORKER_ENABLED: 'true',
    },
  });

  const loaded = (await readFile(loadedFile, 'utf8')).split('\n').filter(Boolean);
  // The recorder sees the server's own packages, so an empty list below means something.
  expect(loaded).toEqual(expect.arrayContaining(['fastify', 'pg', '@tus/file-store']));
  expect(loaded.filter((name) => /^@aws-sdk\/|^@smithy\/|^@tus\/s3-store$/.test(name))).toEqual([]);
});
