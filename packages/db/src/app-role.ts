import { sql, type Kysely } from 'kysely';

export interface AppRole {
  name: string;
  password: string;
}

/** Tables of the migrator itself: the application has no business reading or writing them. */
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/**
 * Creates or updates the login role the API and worker connect as: it reads and writes rows of every table
 * in `public`, now and after future migrations, and cannot create, alter or drop anything. Run by the
 * migration step as the schema owner, after migrating; safe to repeat (the password is set each time).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any schema, like the migrator
export async function grantAppRole(db: Kysely<any>, role: AppRole): Promise<void> {
  const name = sql.id(role.name);
  // DDL takes no bind parameters; a doubled quote is the whole of literal escaping with standard_conforming_strings.
  const password = sql.raw(`'${role.password.replaceAll("'", "''")}'`);
  await db.transaction().execute(async (trx) => {
    const exists = await sql<{ found: number }>`select 1 as found from pg_roles where rolname = ${role.name}`.execute(
      trx,
    );
    if (exists.rows.length === 0) await sql`create role ${name} login`.execute(trx);
    await sql`alter role ${name} with login nosuperuser nocreatedb nocreaterole noinherit password ${password}`.execute(
      trx,
    );
    const database = sql.id(
      (await sql<{ name: string }>`select current_database() as name`.execute(trx)).rows[0]!.name,
    );
    await sql`grant connect on database ${database} to ${name}`.execute(trx);
    await sql`revoke create on schema public from public`.execute(trx);
    await sql`grant usage on schema public to ${name}`.execute(trx);
    await sql`grant select, insert, update, delete on all tables in schema public to ${name}`.execute(trx);
    await sql`grant usage, select, update on all sequences in schema public to ${name}`.execute(trx);
    await sql`alter default privileges in schema public grant select, insert, update, delete on tables to ${name}`.execute(
      trx,
    );
    await sql`alter default privileges in schema public grant usage, select, update on sequences to ${name}`.execute(
      trx,
    );
    for (const table of MIGRATOR_TABLES) {
      const present = await sql`select to_regclass(${`public.${table}`}) is not null as present`.execute(trx);
      if ((present.rows[0] as { present: boolean }).present)
        await sql`revoke all on table ${sql.id(table)} from ${name}`.execute(trx);
    }
  });
}
