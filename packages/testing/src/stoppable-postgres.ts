import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { removeEmbeddedPostgres, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@anb/db';

export interface StoppablePostgres {
  connectionString: string;
  /** Stops the server: clients see a real outage (refused connections, terminated sessions). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  destroy(): Promise<void>;
}

/** A PostgreSQL server of its own, for tests of an outage: the run's shared server must stay up. */
export async function startStoppablePostgres(): Promise<StoppablePostgres> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'anb-outage-pg-'));
  let server: EmbeddedPostgresHandle | undefined = await startEmbeddedPostgres(dataDir);
  const { connectionString } = server;
  const port = Number(new URL(connectionString).port);
  return {
    connectionString,
    stop: async () => {
      await server?.stop();
      server = undefined;
    },
    start: async () => {
      server = await startEmbeddedPostgres(dataDir, { port });
    },
    destroy: async () => {
      await server?.stop();
      server = undefined;
      await removeEmbeddedPostgres(dataDir);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
