import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@anb/testing/database';

const run = promisify(execFile);
const migrateCommand = path.resolve(import.meta.dirname, '../../../apps/api/src/migrate.ts');

let testDb: TestDatabase;
let app: pg.Client;
const role = `anb_app_${randomBytes(4).toString('hex')}`;
// A quote inside proves the password reaches PostgreSQL intact.
const password = `pw'${randomBytes(12).toString('hex')}`;

/** The migration step exactly as the deploy runs it: the command, the owner's URL, the role's name and password. */
function migrate() {
  return run(process.execPath, [migrateCommand], {
    env: {
      ...process.env,
      DATABASE_URL: testDb.connectionString,
      DATABASE_APP_ROLE: role,
      DATABASE_APP_PASSWORD: password,
    },
  });
}

beforeAll(async () => {
  testDb = await createTestDatabase(2);
  const first = await migrate();
  expect(first.stdout).toContain(`role ${role}: may read and write rows, may not change the schema`);
  // Repeating it (the next deployment) changes nothing and does not fail.
  await migrate();
  const url = new URL(testDb.connectionString);
  url.username = role;
  url.password = password;
  app = new pg.Client({ connectionString: url.toString() });
  await app.connect();
});
afterAll(async () => {
  await app?.end();
  await testDb.drop();
  const owner = new pg.Client({ connectionString: testDb.connectionString.replace(/\/[^/]+$/, '/postgres') });
  await owner.connect();
  await owner.query(`drop role if exists ${role}`);
  await owner.end();
});

const sqlState = (statement: string) =>
  app.query(statement).then(
    () => 'ok',
    (error: { code: string }) => error.code,
  );

describe('migration step: the least-privilege application role', () => {
  it('logs in with the password the migration step set, and reads and writes rows', async () => {
    expect(await sqlState('select count(*) from videos')).toBe('ok');
    expect(await sqlState("update videos set title = title where id = '00000000-0000-0000-0000-000000000000'")).toBe(
      'ok',
    );
    expect(await sqlState("delete from videos where id = '00000000-0000-0000-0000-000000000000'")).toBe('ok');
  });

  it('cannot change the schema: no create, alter or drop (insufficient privilege or not the owner)', async () => {
    const denied = ['42501'];
    expect(denied).toContain(await sqlState('create table intruder (id int)'));
    expect(denied).toContain(await sqlState('alter table videos add column intruder int'));
    expect(denied).toContain(await sqlState('drop table videos'));
    expect(denied).toContain(await sqlState('create index intruder on videos (title)'));
  });

  it("cannot read or rewrite the migrator's own bookkeeping", async () => {
    expect(await sqlState('select * from kysely_migration')).toBe('42501');
  });
});
