import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/embedded-postgres.ts';

const exitingEvents = ['SIGTERM', 'SIGINT', 'beforeExit'] as const;
const listenerCounts = () => exitingEvents.map((event) => process.listeners(event as NodeJS.Signals).length);

describe('startEmbeddedPostgres', () => {
  it('serves a database and leaves no listener that would exit the process on SIGTERM, SIGINT or beforeExit', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'anb-embedded-'));
    await chmod(dataDir, 0o755);
    const before = listenerCounts();
    const server = await startEmbeddedPostgres(dataDir);
    try {
      expect(listenerCounts()).toEqual(before);
      const client = new pg.Client({ connectionString: server.connectionString });
      await client.connect();
      const { rows } = await client.query<{ answer: number }>('select 41 + 1 as answer');
      await client.end();
      expect(rows[0]?.answer).toBe(42);
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
