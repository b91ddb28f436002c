import { loadConfigOrExit } from '@anb/config';
import { createDatabase, grantAppRole, migrateToLatest } from '@anb/db';

/**
 * The migration step (`node apps/api/src/migrate.ts`), run once per deployment before the services move to the
 * new image: brings the schema to the latest version as its owner, then creates or updates the least-privilege
 * role the services connect as (DATABASE_APP_ROLE, DATABASE_APP_PASSWORD). Exits 0 on success, 1 otherwise.
 */
const config = await loadConfigOrExit();
if (!config.DATABASE_URL) {
  console.error('DATABASE_URL: required; the migration step runs against a PostgreSQL server');
  process.exit(1);
}
if (config.DATABASE_APP_ROLE && !config.DATABASE_APP_PASSWORD) {
  console.error('DATABASE_APP_PASSWORD: required when DATABASE_APP_ROLE is set');
  process.exit(1);
}
const db = createDatabase({ connectionString: config.DATABASE_URL, poolMax: 1 });
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length > 0 ? `migrations applied: ${applied.join(', ')}` : 'schema already up to date');
  if (config.DATABASE_APP_ROLE && config.DATABASE_APP_PASSWORD) {
    await grantAppRole(db, { name: config.DATABASE_APP_ROLE, password: config.DATABASE_APP_PASSWORD });
    console.log(`role ${config.DATABASE_APP_ROLE}: may read and write rows, may not change the schema`);
  }
} catch (error) {
  console.error('migration failed:', error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
