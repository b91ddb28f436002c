import { sql, type Kysely } from 'kysely';

/** The encoder's progress (0–100) of a video being processed; null in every other state. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table videos add column progress smallint check (progress between 0 and 100)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table videos drop column progress`.execute(db);
}
