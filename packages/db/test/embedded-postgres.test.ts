import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedPostgresError, removeEmbeddedPostgres, startEmbeddedPostgres } from '../src/embedded-postgres.ts';

const asRoot = process.getuid?.() === 0;
const exitingEvents = ['SIGTERM', 'SIGINT', 'beforeExit'] as const;
const listenerCounts = () => exitingEvents.map((event) => process.listeners(event as NodeJS.Signals).length);

const folders: string[] = [];
/** Like `mktemp -d`: only its owner may enter it, as a home with mode 700 would be. */
async function privateFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'anb-embedded-'));
  folders.push(folder);
  return folder;
}

afterEach(async () => {
  for (const folder of folders.splice(0)) {
    await removeEmbeddedPostgres(path.join(folder, 'data'));
    await rm(folder, { recursive: true, force: true });
  }
});

async function query<Row>(connectionString: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres', () => {
  it('keeps the data across a restart, with the data folder under a folder only its owner may enter', async () => {
    const dataDir = path.join(await privateFolder(), 'data');
    const before = listenerCounts();
    const first = await startEmbeddedPostgres(dataDir);
    try {
      // No exit hook of embedded-postgres: it would exit on SIGTERM before a graceful shutdown.
      expect(listenerCounts()).toEqual(before);
      await query(first.connectionString, 'create table kept (answer int); insert into kept values (42)');
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres(dataDir);
    try {
      expect(await query(second.connectionString, 'select answer from kept')).toEqual([{ answer: 42 }]);
      expect(second.clusterDir).toBe(first.clusterDir);
      if (asRoot) {
        // The postgres user cannot enter the private folder: the cluster lives where it can, linked from the data folder.
        expect(path.relative(dataDir, second.clusterDir)).toMatch(/^\.\./);
        expect(await readlink(path.join(dataDir, 'postgres'))).toBe(second.clusterDir);
        expect((await stat(second.clusterDir)).uid).not.toBe(0);
      } else {
        expect(second.clusterDir).toBe(path.join(dataDir, 'postgres'));
      }
    } finally {
      await second.stop();
    }
  });

  it.runIf(asRoot)('as root, removes at the next start the system cluster of a data folder that is gone', async () => {
    const goneDataDir = path.join(await privateFolder(), 'data');
    const gone = await startEmbeddedPostgres(goneDataDir);
    await gone.stop();
    await rm(goneDataDir, { recursive: true });
    expect(existsSync(gone.clusterDir)).toBe(true);

    const next = await startEmbeddedPostgres(path.join(await privateFolder(), 'data'));
    await next.stop();
    expect(existsSync(path.dirname(gone.clusterDir))).toBe(false);
  });

  it('refuses in one sentence, without touching them, files in the place of the cluster', async () => {
    const dataDir = path.join(await privateFolder(), 'data');
    await mkdir(path.join(dataDir, 'postgres'), { recursive: true });
    await writeFile(path.join(dataDir, 'postgres', 'notes.txt'), 'mine');

    const refusal = await startEmbeddedPostgres(dataDir).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(EmbeddedPostgresError);
    expect((refusal as Error).message).toMatch(/holds files but no PostgreSQL cluster.*DATABASE_URL.*\.$/);
    expect((refusal as Error).message).not.toContain('\n');
    expect(existsSync(path.join(dataDir, 'postgres', 'notes.txt'))).toBe(true);
  });
});
