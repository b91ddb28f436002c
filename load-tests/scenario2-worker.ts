/**
 * Scenario 2 — worker layer: N messages injected straight into the queue (bypassing the API) for
 * pre-stored 50 MB and 100 MB originals, one worker with 1, 2 and 4 concurrent jobs.
 *
 *   npm run load:s2                                              # 50mb and 100mb, concurrency 1,2,4, 8 videos each
 *   npm run load:s2 -- --sizes 50mb --concurrency 1,2 --videos 4  # shorter
 *   npm run load:s2 -- --mode sustained --rate 2 --minutes 5      # sustained: 2 videos/min arriving for 5 min
 *
 * Saturation: all N messages are queued at once (a full queue) and the worker drains it; the queue
 * depth is sampled every second (drain curve). Sustained: messages arrive at a fixed rate and the
 * queue must stay short. X = videos/min, S = mean service time of one job (from the worker's own
 * per-job timing). The worker runs in this process exactly as `apps/worker` composes it.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@anb/config';
import { objectKeys } from '@anb/core';
import { openRuntime } from '@anb/runtime';
import { startWorker } from '@anb/worker';
import { loadFixture, sizeOf, type LoadFixture } from '@anb/testing/sample-videos';
import { saveResult, seedPlayers, sleep } from './lib/local-env.ts';
import { MachineSampler, summarise } from './lib/metrics.ts';
import { repoRoot } from '@anb/testing/stack';
import { newId } from '@anb/core';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '50mb,100mb' },
    concurrency: { type: 'string', default: '1,2,4' },
    videos: { type: 'string', default: '8' },
    mode: { type: 'string', default: 'saturation' },
    rate: { type: 'string', default: '2' },
    minutes: { type: 'string', default: '5' },
    preset: { type: 'string', default: 'superfast' },
    'timeout-minutes': { type: 'string', default: '60' },
  },
});

interface Job {
  videoId: string;
  ms: number;
  result: unknown;
}

async function runOne(size: LoadFixture, concurrency: number, videos: number) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'anb-s2-'));
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    WORKER_CONCURRENCY: String(concurrency),
    FFMPEG_PRESET: args.preset,
    LOG_LEVEL: 'warn',
    DATABASE_URL: undefined,
  });
  const runtime = await openRuntime(config, () => {});
  const fixture = await loadFixture(repoRoot, size);
  const jobs: Job[] = [];
  const failures: string[] = [];
  const drain: { s: number; queued: number; done: number }[] = [];
  try {
    const [owner] = await seedPlayers(runtime.db, 1, { password: 'x-unused-x', cost: 4, prefix: 's2' });
    // Pre-stored originals, as the API leaves them after an upload (the store moves the file).
    const ids: string[] = [];
    for (let i = 0; i < videos; i++) {
      const id = newId();
      const copy = path.join(runtime.tmpDir, `${id}.mp4`);
      await copyFile(fixture, copy);
      await runtime.store.putFile(objectKeys.original(id), copy, 'video/mp4');
      await runtime.db
        .insertInto('videos')
        .values({
          id,
          owner_id: owner?.id as string,
          title: `Carga ${size} ${i}`,
          original_key: objectKeys.original(id),
        })
        .execute();
      ids.push(id);
    }
    const sustained = args.mode === 'sustained';
    const started = Date.now();
    const worker = startWorker(config, runtime, {
      info: (fields, message) => {
        if (message === 'video job done') jobs.push(fields as Job);
      },
      error: (fields, message) => failures.push(`${message} ${JSON.stringify(fields).slice(0, 300)}`),
    });
    const publisher = (async () => {
      if (!sustained) {
        for (const id of ids) await runtime.queue.publish({ videoId: id });
        return;
      }
      const gapMs = 60_000 / Number(args.rate);
      for (const id of ids) {
        await runtime.queue.publish({ videoId: id });
        await sleep(gapMs);
      }
    })();
    const deadline = started + Number(args['timeout-minutes']) * 60_000;
    for (;;) {
      const counts = await runtime.db
        .selectFrom('videos')
        .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('status')
        .execute();
      const by = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
      const done = (by.processed ?? 0) + (by.failed ?? 0);
      drain.push({ s: Math.round((Date.now() - started) / 1000), queued: videos - done, done });
      if (done >= videos || Date.now() > deadline) break;
      await sleep(1000);
    }
    await publisher;
    await worker.stop();
    const elapsedS = (Date.now() - started) / 1000;
    const service = summarise(jobs.map((j) => j.ms / 1000));
    return {
      size,
      fileBytes: await sizeOf(fixture),
      concurrency,
      mode: sustained ? `sustained (${args.rate} videos/min arriving)` : 'saturation (all queued at once)',
      videos,
      processed: jobs.length,
      failures,
      elapsedSeconds: Math.round(elapsedS),
      videosPerMinute: Math.round((jobs.length / elapsedS) * 60 * 100) / 100,
      meanServiceSeconds: service.mean,
      serviceSeconds: service,
      drain,
    };
  } finally {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const sizes = (args.sizes ?? '').split(',') as LoadFixture[];
  const levels = (args.concurrency ?? '').split(',').map(Number);
  const videos = args.mode === 'sustained' ? Math.round(Number(args.rate) * Number(args.minutes)) : Number(args.videos);
  const runs = [];
  for (const size of sizes) await loadFixture(repoRoot, size);
  const sampler = new MachineSampler().start();
  try {
    for (const size of sizes) {
      for (const concurrency of levels) {
        const from = Date.now();
        const run = await runOne(size, concurrency, videos);
        const machine = sampler.window(from, Date.now());
        runs.push({ ...run, machine });
        console.log(
          `${size} × ${videos}, concurrency ${concurrency}: ${run.videosPerMinute} videos/min, S = ${run.meanServiceSeconds} s, ` +
            `drained in ${run.elapsedSeconds} s, failures ${run.failures.length}; machine CPU ${machine.systemCpuPct} %, load ${machine.load1}`,
        );
      }
    }
  } finally {
    sampler.stop();
  }
  const file = saveResult(`scenario2-worker-${args.mode}`, { scenario: 2, preset: args.preset, runs });
  console.log(`result: ${file}`);
}

await main();
