import type { Config } from '@anb/config';
import { createDatabase, migrateToLatest, useEmbeddedPostgres } from '@anb/db';

export interface AdminDatabase {
  db: ReturnType<typeof createDatabase>;
  close(): Promise<void>;
}

/**
 * DATABASE_URL when set (production: the migration task's settings, already migrated). Otherwise the embedded
 * database of DATA_DIR: the one `npm start` is running, or started for this step and stopped after it; brought
 * to the latest schema, as `npm start` would. Undefined when DATA_DIR has no database yet.
 */
export async function openAdminDatabase(config: Config): Promise<AdminDatabase | undefined> {
  if (config.DATABASE_URL) {
    const db = createDatabase({ connectionString: config.DATABASE_URL, poolMax: 1 });
    return { db, close: () => db.destroy() };
  }
  const embedded = await useEmbeddedPostgres(config.DATA_DIR);
  if (!embedded) return undefined;
  const db = createDatabase({ connectionString: embedded.connectionString, poolMax: 1 });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    await embedded.stop();
    throw error;
  }
  return {
    db,
    close: async () => {
      await db.destroy();
      await embedded.stop();
    },
  };
}
