import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabase,
  migrateToLatest,
  removeEmbeddedPostgres,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '@anb/db';
import { createTestDatabase, type TestDatabase } from '@anb/testing/database';
import { insertPlayer } from '@anb/testing/rows';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** `npm run admin -- …` as a person runs it: its own process, its exit code and its one line. */
async function admin(args: string[], env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return run(process.execPath, [main, ...args], { env: childEnv }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('npm run admin against DATABASE_URL', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(2);
  });
  afterAll(() => testDb.drop());

  const roleOf = async (id: string) =>
    (await testDb.db.selectFrom('users').select('role').where('id', '=', id).executeTakeFirstOrThrow()).role;

  it('grants and revokes the organiser role by e-mail, says when nothing changed, and records each change', async () => {
    const id = await insertPlayer(testDb.db);
    const env = { DATABASE_URL: testDb.connectionString };

    const granted = await admin(['grant-organiser', `${id}@EXAMPLE.com`], env);
    expect(granted).toMatchObject({ code: 0, stdout: `${id}@example.com is now an organiser.\n` });
    expect(await roleOf(id)).toBe('organiser');
    expect((await admin(['grant-organiser', `${id}@example.com`], env)).stdout).toBe(
      `${id}@example.com was already an organiser.\n`,
    );
    expect((await admin(['revoke-organiser', `${id}@example.com`], env)).stdout).toBe(
      `${id}@example.com is no longer an organiser.\n`,
    );
    expect(await roleOf(id)).toBe('player');

    const audit = await testDb.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('target_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'grant_organiser', actor_id: null },
      { action: 'revoke_organiser', actor_id: null },
    ]);
  });

  it('refuses an unknown e-mail and bad arguments with one sentence and exit code 1', async () => {
    const env = { DATABASE_URL: testDb.connectionString };
    expect(await admin(['grant-organiser', 'nadie@example.com'], env)).toMatchObject({
      code: 1,
      stderr: 'No account has the e-mail nadie@example.com: the person signs up first (check the spelling).\n',
    });
    expect(await admin(['promote', 'ana@example.com'], env)).toMatchObject({
      code: 1,
      stderr: /^Unknown verb "promote"/,
    });
    expect(await admin(['grant-organiser'], env)).toMatchObject({ code: 1, stderr: /takes one e-mail address/ });
    expect(await admin(['--help'], env)).toMatchObject({ code: 0, stdout: /grant-organiser <email>/ });
  });
});

describe('npm run admin on the embedded database of DATA_DIR', () => {
  let folder: string;
  let dataDir: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'anb-admin-'));
    dataDir = path.join(folder, 'data');
  });
  afterAll(async () => {
    await removeEmbeddedPostgres(dataDir);
    await rm(folder, { recursive: true, force: true });
  });

  it('says there is no database yet when npm start never ran there', async () => {
    const outcome = await admin(['grant-organiser', 'ana@example.com'], { DATA_DIR: path.join(folder, 'empty') });
    expect(outcome).toMatchObject({ code: 1 });
    expect(outcome.stderr).toMatch(/^There is no database in .*empty yet: start the platform once \(npm start\)/);
  });

  it('uses the server npm start is running, and leaves it running; with none running, starts and stops its own', async () => {
    // What npm start leaves: a running server with the schema and an account.
    let server: EmbeddedPostgresHandle | undefined = await startEmbeddedPostgres(dataDir);
    const db = createDatabase({ connectionString: server.connectionString, poolMax: 1 });
    try {
      await migrateToLatest(db);
      const id = await insertPlayer(db);

      const whileRunning = await admin(['grant-organiser', `${id}@example.com`], { DATA_DIR: dataDir });
      expect(whileRunning).toMatchObject({ code: 0, stdout: `${id}@example.com is now an organiser.\n` });
      const role = await db.selectFrom('users').select('role').where('id', '=', id).executeTakeFirstOrThrow();
      expect(role.role).toBe('organiser');

      await db.destroy();
      await server.stop();
      server = undefined;
      const stopped = await admin(['revoke-organiser', `${id}@example.com`], { DATA_DIR: dataDir });
      expect(stopped).toMatchObject({ code: 0, stdout: `${id}@example.com is no longer an organiser.\n` });

      // Its own server is gone: the next start takes the cluster, and sees the change.
      server = await startEmbeddedPostgres(dataDir);
      const after = createDatabase({ connectionString: server.connectionString, poolMax: 1 });
      const revoked = await after.selectFrom('users').select('role').where('id', '=', id).executeTakeFirstOrThrow();
      await after.destroy();
      expect(revoked.role).toBe('player');
    } finally {
      await db.destroy().catch(() => {});
      await server?.stop();
    }
  }, 120_000);
});
