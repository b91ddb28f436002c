/**
 * What a shared rate limit costs per counted attempt: the upsert on the unlogged `rate_limit_hits`
 * (PostgresAttemptCounter) against the same upsert on an ordinary (logged) table, the cheapest round trip
 * (`select 1`) and an in-process counter (what each process kept before). Variants take turns within each
 * run, so a noisy machine slows them alike; the figures are medians over the runs, and ratios.
 * Usage: `npm run bench:limits -- [--runs R] [--attempts N] [--keys K]`; DATABASE_URL uses that server (a scratch
 * database: the bench migrates it and adds a table for a while), otherwise an embedded PostgreSQL is started in a temporary folder and removed afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { createDatabase, migrateToLatest, PostgresAttemptCounter, startEmbeddedPostgres, type Database } from '@anb/db';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    attempts: { type: 'string', default: '2000' },
    keys: { type: 'string', default: '500' },
  },
});
const runs = Number(options.runs);
const attempts = Number(options.attempts);
const keyCount = Number(options.keys);
const WINDOW_MS = 60_000;

type Variant = { name: string; attempt: (i: number) => Promise<unknown> };

function variants(db: Kysely<Database>): Variant[] {
  const counter = new PostgresAttemptCounter(db);
  const local = new Map<string, { hits: number; endsAt: number }>();
  return [
    {
      name: 'in-process Map (per process, not shared)',
      attempt: async (i) => {
        const key = `bench|${i % keyCount}`;
        const now = Date.now();
        const entry = local.get(key);
        if (!entry || entry.endsAt <= now) local.set(key, { hits: 1, endsAt: now + WINDOW_MS });
        else entry.hits += 1;
      },
    },
    { name: 'select 1 (one round trip)', attempt: () => sql`select 1`.execute(db) },
    { name: 'upsert, unlogged table (shipped)', attempt: (i) => counter.count(`bench|${i % keyCount}`, WINDOW_MS) },
    {
      name: 'upsert, logged table',
      attempt: (i) =>
        sql`
        insert into bench_logged_hits as counted (key, hits, window_ends_at)
        values (${`bench|${i % keyCount}`}, 1, now() + interval '1 minute')
        on conflict (key) do update set
          hits = case when counted.window_ends_at <= now() then 1 else counted.hits + 1 end,
          window_ends_at = case when counted.window_ends_at <= now() then excluded.window_ends_at
            else counted.window_ends_at end
        returning hits`.execute(db),
    },
  ];
}

/** Microseconds per attempt over `attempts` sequential attempts. */
async function timeRun(variant: Variant): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < attempts; i++) await variant.attempt(i);
  return Number(process.hrtime.bigint() - started) / 1000 / attempts;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

async function main() {
  let cleanup = async () => {};
  let connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    const dir = await mkdtemp(path.join(tmpdir(), 'anb-bench-limits-'));
    const embedded = await startEmbeddedPostgres(dir);
    connectionString = embedded.connectionString;
    cleanup = async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const db = createDatabase({ connectionString, poolMax: 2 });
  try {
    await migrateToLatest(db);
    await sql`create table if not exists bench_logged_hits (key text primary key, hits integer not null,
      window_ends_at timestamptz not null)`.execute(db);
    const list = variants(db);
    for (const variant of list) await timeRun(variant); // warm-up: connections, plans, pages
    const samples = new Map<string, number[]>(list.map((variant) => [variant.name, []]));
    for (let run = 0; run < runs; run++) {
      // Take turns, starting with another variant each run.
      for (let j = 0; j < list.length; j++) {
        const variant = list[(run + j) % list.length] as Variant;
        samples.get(variant.name)?.push(await timeRun(variant));
      }
    }
    const medians = new Map([...samples].map(([name, values]) => [name, median(values)]));
    const floor = medians.get('select 1 (one round trip)') as number;
    console.log(`${runs} runs × ${attempts} sequential attempts over ${keyCount} keys, ${cpus().length} CPUs`);
    console.log('variant | median µs per attempt | × select 1 | spread (min–max µs)');
    for (const [name, values] of samples) {
      const value = medians.get(name) as number;
      const spread = `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`;
      console.log(`${name} | ${value.toFixed(1)} | ${(value / floor).toFixed(2)} | ${spread}`);
    }
    // The bench's counters end with their window and the API's sweep removes them.
    await sql`drop table bench_logged_hits`.execute(db);
  } finally {
    await db.destroy();
    await cleanup();
  }
}

await main();
