import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagramInSection, entityRelationships } from '@anb/testing/architecture-doc';
import { createTestDatabase, type TestDatabase } from '@anb/testing/database';

/** Kysely's Migrator keeps its own books in these; the migrations do not create them. */
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/** PostgreSQL's internal type names, as the diagram spells them. */
const TYPE_NAMES: Record<string, string> = { int2: 'smallint', int4: 'integer', int8: 'bigint', bool: 'boolean' };

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase(2);
});
afterAll(() => testDb.drop());

/** Per table of the migrated schema, `type column [keys]` in column order, as the diagram writes attributes. */
async function migratedTables(): Promise<Record<string, string[]>> {
  const { rows: columns } = await sql<{ table: string; column: string; type: string }>`
    select table_name as table, column_name as column, udt_name as type
    from information_schema.columns
    where table_schema = 'public'
    order by table_name, ordinal_position
  `.execute(testDb.db);
  // Primary keys, unique indexes (a unique index is not always a constraint) and foreign keys, per column.
  const { rows: keys } = await sql<{ table: string; column: string; key: string }>`
    select c.relname as table, a.attname as column, case when i.indisprimary then 'PK' else 'UK' end as key
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_attribute a on a.attrelid = c.oid and a.attnum = any (i.indkey)
    where c.relnamespace = 'public'::regnamespace and i.indisunique
    union all
    select c.relname, a.attname, 'FK'
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_attribute a on a.attrelid = c.oid and a.attnum = any (k.conkey)
    where c.relnamespace = 'public'::regnamespace and k.contype = 'f'
  `.execute(testDb.db);
  const keyOrder = ['PK', 'FK', 'UK'];
  const tables: Record<string, string[]> = {};
  for (const { table, column, type } of columns.filter((row) => !MIGRATOR_TABLES.includes(row.table))) {
    const columnKeys = keys
      .filter((key) => key.table === table && key.column === column)
      .map((key) => key.key)
      .sort((a, b) => keyOrder.indexOf(a) - keyOrder.indexOf(b));
    const attribute = [TYPE_NAMES[type] ?? type, column, columnKeys.join(', ')].filter(Boolean).join(' ');
    (tables[table] ??= []).push(attribute);
  }
  return tables;
}

async function migratedForeignKeys(): Promise<string[]> {
  const { rows } = await sql<{ referenced: string; referencing: string }>`
    select referenced.relname as referenced, referencing.relname as referencing
    from pg_constraint k
    join pg_class referencing on referencing.oid = k.conrelid
    join pg_class referenced on referenced.oid = k.confrelid
    where referencing.relnamespace = 'public'::regnamespace and k.contype = 'f'
  `.execute(testDb.db);
  return rows.map((row) => `${row.referenced} -> ${row.referencing}`);
}

describe('the data model diagram of docs/architecture.md', () => {
  const diagram = entityRelationships(diagramInSection('Data model'));

  it('has exactly the tables, columns, types and keys of the migrated schema, in column order', async () => {
    const drawn = Object.fromEntries([...diagram.entities].map(([name, entity]) => [name, entity.attributes]));
    const migrated = await migratedTables();

    expect(Object.keys(migrated).length).toBeGreaterThan(0);
    expect(drawn).toEqual(migrated);
  });

  it('draws one relationship per foreign key, from the referenced table to the referencing one', async () => {
    const drawn = diagram.relationships.map(([from, to]) => `${from} -> ${to}`);

    expect(drawn.sort()).toEqual((await migratedForeignKeys()).sort());
  });
});
