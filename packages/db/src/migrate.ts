import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as initial from './migrations/0001-initial.ts';
import * as videoProgress from './migrations/0002-video-progress.ts';
import * as accounts from './migrations/0003-accounts.ts';
import * as durableVotes from './migrations/0004-durable-votes.ts';
import * as sharedAttemptLimits from './migrations/0005-shared-attempt-limits.ts';
import * as organisers from './migrations/0006-organisers.ts';

/** Listed explicitly (not read from disk) so the set of migrations is part of the code. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-video-progress': videoProgress,
  '0003-accounts': accounts,
  '0004-durable-votes': durableVotes,
  '0005-shared-attempt-limits': sharedAttemptLimits,
  '0006-organisers': organisers,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema to the latest version; safe to run from several processes at once. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema, as kysely's Migrator expects
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
