import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { EmbeddedPostgresError, migrateToLatest, removeEmbeddedPostgres, startEmbeddedPostgres } from '@anb/db';
const TEMPLATE_DATABASE = 'anb_template';

/** One embedded PostgreSQL for the whole run; each test file clones a migrated template database. */
export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'anb-test-pg-'));
  const server = await startEmbeddedPostgres(dataDir).catch(async (error: unknown) => {
    if (!(error instanceof EmbeddedPostgresError)) throw error;
    await rm(dataDir, { recursive: true, force: true });
    // Its sentence says what is wrong and what to do; vitest would bury it under a stack and an "unhandled error" banner.
    console.error(error.message);
    return process.exit(1);
  });
  const admin = new pg.Client({ connectionString: server.connectionString });
  await admin.connect();
  await admin.query(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();

  const templateUrl = withDatabase(server.connectionString, TEMPLATE_DATABASE);
  const template = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: templateUrl, max: 1 }) }),
  });
  await migrateToLatest(template);
  await template.destroy();

  project.provide('pgAdminUrl', server.connectionString);
  return async () => {
    await server.stop();
    await removeEmbeddedPostgres(dataDir);
    await rm(dataDir, { recursive: true, force: true });
  };
}

export function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
