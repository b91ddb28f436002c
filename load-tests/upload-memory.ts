/**
 * API memory under big uploads: N concurrent 100 MB uploads (20 by default); the API process RSS
 * is sampled every 200 ms from /proc and must stay under 300 MB.
 *
 *   npm run load:memory
 *   npm run load:memory -- --uploads 20 --size 100mb --rounds 2
 */
import { openAsBlob } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadFixture, sizeOf, type LoadFixture } from '@anb/testing/sample-videos';
import { loggedInPlayers, rssMb, sampleRss, saveResult, startLocalEnvironment } from './lib/local-env.ts';
import { MachineSampler, summarise } from './lib/metrics.ts';
import { repoRoot } from '@anb/testing/stack';

const { values: args } = parseArgs({
  options: {
    uploads: { type: 'string', default: '20' },
    size: { type: 'string', default: '100mb' },
    rounds: { type: 'string', default: '2' },
    'limit-mb': { type: 'string', default: '300' },
  },
});

async function main() {
  const uploads = Number(args.uploads);
  const fixture = await loadFixture(repoRoot, args.size as LoadFixture);
  const file = await openAsBlob(fixture, { type: 'video/mp4' });
  const local = await startLocalEnvironment({ BCRYPT_COST: '4' });
  const sampler = new MachineSampler(local.stack.pid).start();
  const rss = sampleRss(local.stack.pid);
  try {
    const tokens = await loggedInPlayers(local, uploads, 'mem');
    const idle = rssMb(local.stack.pid);
    const started = Date.now();
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    for (let round = 0; round < Number(args.rounds); round++) {
      await Promise.all(
        tokens.map(async (token) => {
          const t = Date.now();
          const form = new FormData();
          form.set('title', 'Carga de memoria');
          form.set('video_file', file, 'jugada.mp4');
          const r = await fetch(`${local.baseUrl}/videos/upload`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
            body: form,
          }).catch(() => undefined);
          await r?.arrayBuffer();
          latencies.push(Date.now() - t);
          statuses[r?.status ?? 0] = (statuses[r?.status ?? 0] ?? 0) + 1;
        }),
      );
    }
    const finished = Date.now();
    rss.stop();
    const peak = rss.peakMb();
    const limit = Number(args['limit-mb']);
    const out = saveResult('upload-memory', {
      uploads,
      rounds: Number(args.rounds),
      // The uploads' wall time: with the machine's API CPU over it, the API's CPU cost of one upload.
      seconds: Math.round((finished - started) / 100) / 10,
      fileBytes: await sizeOf(fixture),
      statuses,
      idleRssMb: Math.round(idle),
      peakRssMb: Math.round(peak),
      limitMb: limit,
      met: peak < limit,
      latencyMs: summarise(latencies),
      machine: sampler.window(started, finished),
      rss: rss.series(started),
    });
    console.log(
      `${uploads} concurrent ${args.size} uploads × ${args.rounds}: statuses ${JSON.stringify(statuses)}, API RSS idle ${Math.round(idle)} MB, ` +
        `peak ${Math.round(peak)} MB (limit ${limit}) → ${peak < limit ? 'met' : 'MISSED'}; p95 ${summarise(latencies).p95} ms`,
    );
    console.log(`result: ${out}`);
  } finally {
    rss.stop();
    sampler.stop();
    await local.stop();
  }
}

await main();
