import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
let folder: string | undefined;

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('npm start when the embedded PostgreSQL cannot start', () => {
  it('prints one sentence naming the cause and the fix, and exits with 1', async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'anb-refusal-'));
    const dataDir = path.join(folder, 'data');
    // Someone's files where the cluster would go: the launcher must not touch them, so it cannot start.
    await mkdir(path.join(dataDir, 'postgres'), { recursive: true });
    await writeFile(path.join(dataDir, 'postgres', 'notes.txt'), 'mine');
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', WORKER_ENABLED: 'false' };
    delete env.DATABASE_URL;

    const outcome = await run(process.execPath, [main], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );

    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe(
      `${path.join(dataDir, 'postgres')} holds files but no PostgreSQL cluster (no PG_VERSION): move it away so a new ` +
        'one can be made there, or set DATABASE_URL to a PostgreSQL server of your own.\n',
    );
  });
});
