import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import type { Kysely } from 'kysely';
import { createDatabase, startEmbeddedPostgres, type Database, type EmbeddedPostgresHandle } from '@anb/db';
import { cityKey, newId } from '@anb/core';
import { machineInfo } from './metrics.ts';
import { runConditions } from './run-conditions.ts';
import { repoRoot, startStack, type RunningStack } from '@anb/testing/stack';

export interface LocalEnvironment {
  baseUrl: string;
  stack: RunningStack;
  db: Kysely<Database>;
  databaseUrl: string;
  jwtSecret: string;
  probeFile: string;
  stop(): Promise<void>;
}

/**
 * The stack under test with its own embedded PostgreSQL, started here so the harness can seed rows
 * directly (players, published videos) instead of spending minutes in signups and renders. The API
 * runs as `npm start` does, with the server probe loaded.
 */
export async function startLocalEnvironment(env: Record<string, string> = {}): Promise<LocalEnvironment> {
  const pgDir = await mkdtemp(path.join(tmpdir(), 'anb-load-pg-'));
  const pg: EmbeddedPostgresHandle = await startEmbeddedPostgres(pgDir);
  const jwtSecret = randomBytes(32).toString('hex');
  const probeFile = path.join(pgDir, 'probe.jsonl');
  let stack: RunningStack;
  try {
    stack = await startStack({
      probeFile,
      env: { DATABASE_URL: pg.connectionString, JWT_SECRET: jwtSecret, WORKER_ENABLED: 'false', ...env },
    });
  } catch (error) {
    await pg.stop();
    throw error;
  }
  const db = createDatabase({ connectionString: pg.connectionString, poolMax: 4 });
  return {
    baseUrl: stack.baseUrl,
    stack,
    db,
    databaseUrl: pg.connectionString,
    jwtSecret,
    probeFile,
    stop: async () => {
      await stack.stop();
      await db.destroy();
      await pg.stop();
      await rm(pgDir, { recursive: true, force: true });
    },
  };
}

/** Inserts players sharing one password (one bcrypt hash at `cost`), returning their ids and emails. */
export async function seedPlayers(
  db: Kysely<Database>,
  count: number,
  options: { password: string; cost: number; city?: string; prefix?: string },
): Promise<{ id: string; email: string }[]> {
  const hash = await bcrypt.hash(options.password, options.cost);
  const city = options.city ?? 'Bogotá';
  const players = Array.from({ length: count }, (_, i) => ({
    id: newId(),
    email: `${options.prefix ?? 'load'}-${i}-${randomBytes(3).toString('hex')}@load.anb.test`,
  }));
  for (let i = 0; i < players.length; i += 1000) {
    await db
      .insertInto('users')
      .values(
        players.slice(i, i + 1000).map((p, j) => ({
          id: p.id,
          first_name: 'Jugador',
          last_name: `Carga ${i + j}`,
          email: p.email,
          password_hash: hash,
          city,
          city_key: cityKey(city),
          country: 'Colombia',
          // Voters of a load run: their mailboxes are taken as confirmed, as after the verification mail.
          email_verified_at: new Date(),
        })),
      )
      .execute();
  }
  return players;
}

/** Logs each player in through the API, returning their bearer tokens in the same order. */
export function loginAll(baseUrl: string, players: { email: string }[], password: string): Promise<string[]> {
  return Promise.all(
    players.map(async (player) => {
      const response = await fetch(`${baseUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: player.email, password }),
      });
      return ((await response.json()) as { access_token: string }).access_token;
    }),
  );
}

/** The resident memory of a process, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** The API process's resident memory, sampled every 200 ms until `stop()`. */
export function sampleRss(pid: number) {
  const samples: { t: number; mb: number }[] = [];
  const sample = () => samples.push({ t: Date.now(), mb: rssMb(pid) });
  let timer: NodeJS.Timeout | undefined = setInterval(sample, 200);
  return {
    /** Ends the sampling with one last sample, so even a run shorter than 200 ms has a peak. */
    stop: () => {
      if (timer === undefined) return;
      clearInterval(timer);
      timer = undefined;
      sample();
    },
    peakMb: () => Math.max(...samples.map((sample) => sample.mb)),
    /** One sample a second, as seconds since `started`, for the report's charts. */
    series: (started: number) =>
      samples
        .filter((_, index) => index % 5 === 0)
        .map((sample) => ({ s: Math.round((sample.t - started) / 100) / 10, mb: Math.round(sample.mb) })),
  };
}

/** `count` new players (bcrypt cost 4, so seeding is quick), logged in: their access tokens. */
export async function loggedInPlayers(local: LocalEnvironment, count: number, prefix: string): Promise<string[]> {
  const password = 'Carga-Segura-2025';
  const players = await seedPlayers(local.db, count, { password, cost: 4, prefix });
  return loginAll(local.baseUrl, players, password);
}

/** Published (processed) videos owned by the given players, as the worker leaves them. */
export async function seedPublishedVideos(db: Kysely<Database>, ownerIds: string[]): Promise<string[]> {
  const ids = ownerIds.map(() => newId());
  await db
    .insertInto('videos')
    .values(
      ids.map((id, i) => ({
        id,
        owner_id: ownerIds[i] as string,
        title: `Jugada de carga ${i}`,
        status: 'processed' as const,
        original_key: `uploaded/${id}.mp4`,
        processed_key: `processed/${id}.mp4`,
        poster_key: `processed/${id}.jpg`,
        processed_at: new Date(),
      })),
    )
    .execute();
  return ids;
}

/**
 * Writes a result under docs/capacity/results/ (or `LOAD_RESULTS_DIR`, where `npm run load:report
 * -- --quick` keeps its smoke runs) and returns its path. Every result carries the commit and the
 * machine's load before and during the run, which the report judges it by. `host` repeats
 * `machine`, which some results replace with their own measurements.
 */
export function saveResult(name: string, result: object): string {
  const dir = process.env.LOAD_RESULTS_DIR ?? path.join(repoRoot, 'docs/capacity/results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const file = path.join(dir, `${name}-${stamp}.json`);
  const conditions = runConditions(repoRoot);
  const host = machineInfo();
  writeFileSync(
    file,
    `${JSON.stringify({ name, finishedAt: new Date().toISOString(), ...conditions, loadAverageAtEnd: loadavg(), machine: host, host, ...result }, null, 2)}\n`,
  );
  return file;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
