/**
 * Read-heavy mix: 200 concurrent readers of the rankings and the public listing (autocannon, 100
 * connections each) while votes arrive at a fixed rate (open model, 200/s by default), first spread
 * over every video, then with one hot video taking most of them. Then the vote capacity alone
 * (closed loop, autocannon) spread vs hot, to show whether one hot row collapses the vote path.
 *
 *   npm run load:read-mix                               # 60 s per phase
 *   npm run load:read-mix -- --seconds 20 --vote-rate 300 --hot-share 0.8
 *   npm run load:read-mix -- --pool 20                   # the local API's DATABASE_POOL_MAX (default: the product's)
 *   npm run load:read-mix -- --base-url URL --tokens-file voters.json --video-ids a,b,c   # a deployment
 *
 * Locally the harness seeds players, published videos and voters straight into the database and
 * signs the voters' tokens with the stack's JWT secret (minting 20 000 tokens over HTTP would take
 * longer than the test). Against a deployment, pass tokens and published video ids.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { kpiCrossings } from './lib/kpis.ts';
import { saveResult, seedPlayers, seedPublishedVideos, sleep, startLocalEnvironment } from './lib/local-env.ts';
import { MachineSampler, probeWindow, readProbe, summarise } from './lib/metrics.ts';

const { values: args } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    'tokens-file': { type: 'string' },
    'video-ids': { type: 'string' },
    seconds: { type: 'string', default: '60' },
    readers: { type: 'string', default: '200' },
    'vote-rate': { type: 'string', default: '200' },
    'hot-share': { type: 'string', default: '0.8' },
    videos: { type: 'string', default: '50' },
    'capacity-seconds': { type: 'string', default: '15' },
    'capacity-connections': { type: 'string', default: '50' },
    /** DATABASE_POOL_MAX of the local API; the product's default when absent. */
    pool: { type: 'string' },
  },
});

const seconds = Number(args.seconds);
const readers = Number(args.readers);
const voteRate = Number(args['vote-rate']);
const hotShare = Number(args['hot-share']);
const capacitySeconds = Number(args['capacity-seconds']);
const WARM_UP_SECONDS = 3;

const b64 = (value: object | Buffer) =>
  (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

/** HS256 token with the API's claims ({sub, gen, jti}), signed with the stack's secret. */
function mintToken(secret: string, sub: string): string {
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, gen: 0, jti: randomUUID(), iat: now, exp: now + 7200 })}`;
  return `${head}.${b64(createHmac('sha256', secret).update(head).digest())}`;
}

interface VoteSample {
  t: number;
  ms: number;
  status: number;
}

/** Hands out (token, video) pairs that were never used, so every vote is a first vote. */
class VotePlan {
  #next = 0;
  readonly tokens: string[];
  readonly videoIds: string[];
  constructor(tokens: string[], videoIds: string[]) {
    this.tokens = tokens;
    this.videoIds = videoIds;
  }
  take(hot: boolean): { token: string; videoId: string } {
    const i = this.#next++;
    const token = this.tokens[i % this.tokens.length] as string;
    const round = Math.floor(i / this.tokens.length);
    // Hot: the first video for most votes; the rest spread. Each voter is used once per round,
    // and rounds move the spread votes to another video so pairs stay unique.
    const hotVote = hot && Math.random() < hotShare && round === 0;
    const videoId = hotVote
      ? (this.videoIds[0] as string)
      : (this.videoIds[1 + ((i + round) % (this.videoIds.length - 1))] as string);
    return { token, videoId };
  }
}

async function voteStream(baseUrl: string, plan: VotePlan, hot: boolean, durationMs: number): Promise<VoteSample[]> {
  const samples: VoteSample[] = [];
  const inflight = new Set<Promise<void>>();
  const start = Date.now();
  let next = start;
  while (next < start + durationMs) {
    const wait = next - Date.now();
    if (wait > 0) await sleep(wait);
    const scheduled = next;
    const { token, videoId } = plan.take(hot);
    const p = fetch(`${baseUrl}/public/videos/${videoId}/vote`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(30_000),
    })
      .then(async (r) => {
        await r.arrayBuffer();
        samples.push({ t: scheduled, ms: Date.now() - scheduled, status: r.status });
      })
      .catch(() => {
        samples.push({ t: scheduled, ms: Date.now() - scheduled, status: 0 });
      })
      .finally(() => inflight.delete(p));
    inflight.add(p);
    next += 1000 / voteRate;
  }
  await Promise.all(inflight);
  return samples;
}

/** Runs autocannon and keeps every response time (autocannon's own summary has no p95). */
async function cannon(options: autocannon.Options): Promise<{ result: autocannon.Result; latencies: number[] }> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve({ result, latencies })));
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
}

function readerSummary(run: { result: autocannon.Result; latencies: number[] }) {
  const { result } = run;
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: summarise(run.latencies),
  };
}

function voteSummary(samples: VoteSample[], durationMs: number) {
  const ok = samples.filter((s) => s.status === 200).length;
  const byStatus: Record<string, number> = {};
  for (const s of samples) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
  return {
    offeredPerSecond: voteRate,
    countedPerSecond: Math.round((ok / (durationMs / 1000)) * 10) / 10,
    byStatus,
    latencyMs: summarise(samples.map((s) => s.ms)),
  };
}

async function main() {
  let baseUrl = args['base-url'];
  let tokens: string[];
  let videoIds: string[];
  // Every voter votes from this one address, many times a minute: the vote limits count but never refuse here.
  const local = baseUrl
    ? undefined
    : await startLocalEnvironment({
        ...(args.pool ? { DATABASE_POOL_MAX: args.pool } : {}),
        VOTE_RATE_PER_CLIENT: '100000000',
        VOTE_RATE_PER_ACCOUNT: '100000000',
      });
  if (local) {
    baseUrl = local.baseUrl;
    const videoCount = Number(args.videos);
    // A fresh voter for every vote of the warm-up, both phases and the capacity runs (up to 2 500 votes/s).
    const votersNeeded = voteRate * (seconds * 2 + WARM_UP_SECONDS) + capacitySeconds * 2 * 2500 + 1000;
    const owners = await seedPlayers(local.db, videoCount, { password: 'x-unused-x', cost: 4, prefix: 'owner' });
    videoIds = await seedPublishedVideos(
      local.db,
      owners.map((o) => o.id),
    );
    const voters = await seedPlayers(local.db, votersNeeded, { password: 'x-unused-x', cost: 4, prefix: 'voter' });
    tokens = voters.map((v) => mintToken(local.jwtSecret, v.id));
  } else {
    tokens = JSON.parse(readFileSync(args['tokens-file'] ?? 'voters.json', 'utf8')) as string[];
    videoIds = (args['video-ids'] ?? '').split(',').filter(Boolean);
  }
  const api = baseUrl as string;
  console.log(
    `read mix against ${api}: ${readers} readers, ${voteRate} votes/s, ${videoIds.length} videos, ${tokens.length} voters`,
  );
  const plan = new VotePlan(tokens, videoIds);
  const sampler = new MachineSampler(local?.stack.pid).start();
  const phases = [];
  try {
    // Warm-up of both paths (JIT, the connection pool, PostgreSQL's caches): 3 s of reads and votes, not measured.
    await Promise.all([
      cannon({ url: `${api}/public/rankings`, connections: 20, duration: WARM_UP_SECONDS }),
      voteStream(api, plan, false, WARM_UP_SECONDS * 1000),
    ]);
    for (const hot of [false, true]) {
      const start = Date.now();
      const half = Math.round(readers / 2);
      const [rankings, listing, votes] = await Promise.all([
        cannon({
          url: api,
          connections: half,
          duration: seconds,
          requests: [
            { method: 'GET', path: '/api/public/rankings?limit=20' },
            { method: 'GET', path: '/api/public/rankings?city=bogota&limit=20' },
          ],
        }),
        cannon({
          url: api,
          connections: readers - half,
          duration: seconds,
          requests: [
            { method: 'GET', path: '/api/public/videos?limit=20&sort=votes' },
            { method: 'GET', path: '/api/public/videos?limit=20&sort=recent&city=Bogota' },
          ],
        }),
        voteStream(api, plan, hot, seconds * 1000),
      ]);
      const end = Date.now();
      // Freshness: the ranking read right after the phase shows the votes just counted.
      const top = (await (await fetch(`${api}/public/rankings?limit=1`)).json()) as { votes: number }[];
      const probe = readProbe(local?.probeFile);
      const phase = {
        phase: hot ? `hot video (${Math.round(hotShare * 100)} % of votes on one video)` : 'votes spread',
        hot,
        seconds,
        rankings: readerSummary(rankings),
        listing: readerSummary(listing),
        votes: voteSummary(votes, end - start),
        topPlayerVotesAfter: top[0]?.votes ?? null,
        machine: sampler.window(start, end),
        server: probeWindow(probe, start, end),
        kpiCrossings: kpiCrossings(sampler.samples, probe, start, end),
      };
      phases.push(phase);
      console.log(
        `${phase.phase}: rankings p95 ${phase.rankings.latencyMs.p95} ms (${phase.rankings.rps} rps), listing p95 ${phase.listing.latencyMs.p95} ms (${phase.listing.rps} rps), ` +
          `votes ${phase.votes.countedPerSecond}/s p95 ${phase.votes.latencyMs.p95} ms ${JSON.stringify(phase.votes.byStatus)}; ` +
          `generator CPU ${phase.machine.generatorCpuPct} %, API CPU ${phase.server?.apiCpuPct ?? '?'} %, load ${phase.machine.load1}`,
      );
    }

    // Vote capacity alone, closed loop: the most votes/s the API counts, spread vs one hot video.
    const capacity = [];
    for (const hot of [false, true]) {
      const start = Date.now();
      const run = await cannon({
        url: api,
        connections: Number(args['capacity-connections']),
        duration: capacitySeconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const { token, videoId } = hot
                ? { token: plan.take(true).token, videoId: videoIds[0] }
                : plan.take(false);
              return {
                ...request,
                path: `/api/public/videos/${videoId}/vote`,
                headers: { authorization: `Bearer ${token}` },
              };
            },
          },
        ],
      });
      const end = Date.now();
      const entry = {
        mode: hot ? 'all votes on one hot video' : 'votes spread',
        votesPerSecond: Math.round(run.result['2xx'] / capacitySeconds),
        non2xx: run.result.non2xx,
        latencyMs: summarise(run.latencies),
        machine: sampler.window(start, end),
        server: probeWindow(readProbe(local?.probeFile), start, end),
      };
      capacity.push(entry);
      console.log(
        `vote capacity, ${entry.mode}: ${entry.votesPerSecond} votes/s, p95 ${entry.latencyMs.p95} ms, non-2xx ${entry.non2xx}`,
      );
    }
    const [spread, hot] = capacity;
    const hotShareOfSpread = spread && hot ? Math.round((hot.votesPerSecond / spread.votesPerSecond) * 100) : 0;
    console.log(`vote capacity: one hot video takes ${hotShareOfSpread} % of the spread-vote rate`);
    const file = saveResult('read-mix', {
      target: local ? 'local stack (API + embedded PostgreSQL, worker off)' : api,
      readers,
      voteRate,
      hotShare,
      videos: videoIds.length,
      phases,
      voteCapacity: capacity,
      hotShareOfSpreadPct: hotShareOfSpread,
      targets: {
        readP95Ms: 50,
        met: phases.every(
          (p) => p.rankings.latencyMs.p95 <= 50 && p.listing.latencyMs.p95 <= 50 && p.votes.countedPerSecond >= 200,
        ),
      },
    });
    console.log(`result: ${file}`);
  } finally {
    sampler.stop();
    await local?.stop();
  }
}

await main();
