/**
 * A shared link goes viral: 1,000 visitors open one video's page `/v/{id}` within a minute (open
 * model: arrivals at random instants, each on a new connection, whatever the answers), half as a
 * chat app's link preview (`Accept: *\/*`, the page only), half as a friend on a phone (the page,
 * then the API read the page makes). Target: the server-rendered page at p95 ≤ 50 ms.
 *
 *   npm run load:share                                  # 1,000 visitors in 60 s
 *   npm run load:share -- --visitors 3000 --seconds 60
 *   npm run load:share -- --base-url https://host --video-id ID    # a deployment (no /api suffix)
 */
import http from 'node:http';
import https from 'node:https';
import { parseArgs } from 'node:util';
import { kpiCrossings } from './lib/kpis.ts';
import { saveResult, seedPlayers, seedPublishedVideos, startLocalEnvironment } from './lib/local-env.ts';
import { MachineSampler, probeWindow, readProbe, summarise } from './lib/metrics.ts';

const { values: args } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    'video-id': { type: 'string' },
    visitors: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '60' },
  },
});
const visitors = Number(args.visitors);
const seconds = Number(args.seconds);

interface Sample {
  t: number;
  ms: number;
  status: number;
}

/** One GET on a connection of its own, as a new visitor's; the time runs from the scheduled instant. */
function visit(url: URL, accept: string, scheduled: number): Promise<Sample> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = client.get(url, { agent: false, headers: { accept }, timeout: 30_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve({ t: scheduled, ms: Date.now() - scheduled, status: response.statusCode ?? 0 }));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve({ t: scheduled, ms: Date.now() - scheduled, status: 0 }));
  });
}

const local = args['base-url']
  ? undefined
  : await startLocalEnvironment({ RATE_LIMIT_AUTH_MAX: '100000', LOG_LEVEL: 'warn' });
try {
  const baseUrl = args['base-url'] ?? (local as { baseUrl: string }).baseUrl.replace(/\/api$/, '');
  let videoId = args['video-id'];
  if (!videoId && local) {
    const [player] = await seedPlayers(local.db, 1, { password: 'LoadTest123', cost: 4, city: 'Cali' });
    [videoId] = await seedPublishedVideos(local.db, [(player as { id: string }).id]);
  }
  const page = new URL(`/v/${videoId}`, baseUrl);
  const apiRead = new URL(`/api/public/videos/${videoId}`, baseUrl);

  const sampler = new MachineSampler(local?.stack.pid).start();
  const arrivals = Array.from({ length: visitors }, () => Math.random() * seconds * 1000).sort((a, b) => a - b);
  const pages: Promise<Sample>[] = [];
  const reads: Promise<Sample>[] = [];
  const startedAt = Date.now();
  for (const [index, offset] of arrivals.entries()) {
    const wait = startedAt + offset - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const scheduled = startedAt + offset;
    const preview = index % 2 === 0;
    const opened = visit(page, preview ? '*/*' : 'text/html,application/xhtml+xml', scheduled);
    pages.push(opened);
    if (!preview) reads.push(opened.then(() => visit(apiRead, 'application/json', Date.now())));
  }
  const [pageSamples, readSamples] = [await Promise.all(pages), await Promise.all(reads)];
  const endedAt = Date.now();
  const machineSamples = sampler.stop();
  const machine = sampler.window(startedAt, endedAt);
  const probe = readProbe(local?.probeFile);
  const server = probeWindow(probe, startedAt, endedAt);
  const statuses = (samples: Sample[]) =>
    samples.reduce<Record<string, number>>((counts, s) => ({ ...counts, [s.status]: (counts[s.status] ?? 0) + 1 }), {});
  const result = {
    visitors,
    seconds,
    page: { latencyMs: summarise(pageSamples.map((s) => s.ms)), statuses: statuses(pageSamples) },
    apiRead: { latencyMs: summarise(readSamples.map((s) => s.ms)), statuses: statuses(readSamples) },
    machine,
    server,
    kpiCrossings: kpiCrossings(machineSamples, probe, startedAt, endedAt),
  };
  const file = saveResult('share-page', result);
  console.log(
    `share page: ${visitors} visitors in ${seconds} s — page p50 ${result.page.latencyMs.p50} ms, p95 ${result.page.latencyMs.p95} ms (target ≤ 50); API read p95 ${result.apiRead.latencyMs.p95} ms; statuses ${JSON.stringify(result.page.statuses)}; machine load ${machine.load1} → ${file}`,
  );
} finally {
  await local?.stop();
}
