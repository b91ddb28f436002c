import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { loadConfig } from '@anb/config';
import { openRuntime } from '../src/open-runtime.ts';

const adminUrl = inject('pgAdminUrl');
const databases: string[] = [];
let dataDir: string;

async function admin(statement: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

/** An empty database, as RDS hands one over before the first migration. */
async function emptyDatabaseUrl(): Promise<string> {
  const name = `boot_${randomBytes(5).toString('hex')}`;
  await admin(`create database ${name}`);
  databases.push(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function tablesOf(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'public'",
    );
    return rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'anb-boot-'));
});
afterAll(async () => {
  for (const name of databases) await admin(`drop database if exists ${name} with (force)`);
  await rm(dataDir, { recursive: true, force: true });
});

describe('migrating at boot', () => {
  it('migrates an empty database by default (laptop and compose)', async () => {
    const url = await emptyDatabaseUrl();
    const runtime = await openRuntime(loadConfig({ DATABASE_URL: url, DATA_DIR: dataDir }), () => {});
    await runtime.close();
    expect(await tablesOf(url)).toEqual(expect.arrayContaining(['videos', 'kysely_migration']));
  });

  it('leaves the schema alone with MIGRATE_ON_BOOT=false (production runs the migration step instead)', async () => {
    const url = await emptyDatabaseUrl();
    const config = loadConfig({ DATABASE_URL: url, DATA_DIR: dataDir, MIGRATE_ON_BOOT: 'false' });
    const runtime = await openRuntime(config, () => {});
    await runtime.close();
    expect(await tablesOf(url)).toEqual([]);
  });
});
