import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';

export interface DatabaseOptions {
  connectionString: string;
  poolMax: number;
}

/**
 * The connection pool behind `createDatabase`. When the server goes away (a restart, a failover), every
 * connection emits 'error'. The pool listens on idle ones only; a connection held between two statements
 * of a transaction has no listener, and an unheard 'error' would end the process. So each connection gets
 * one for its whole life: the statement that next uses it fails instead (503 to the client), and the pool
 * drops it on release because it is no longer queryable.
 */
export function createPool({ connectionString, poolMax }: DatabaseOptions): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: poolMax, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

export function createDatabase(options: DatabaseOptions): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(options) }) });
}

/** Resolves when the database answers a trivial query; rejects while it cannot be reached. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
