/**
 * Login throughput against the raw bcrypt rate of this machine at the same cost, measured in the
 * same run: first bcrypt.compare alone (as many in parallel as libuv runs: UV_THREADPOOL_SIZE),
 * then POST /api/auth/login with autocannon, then bcrypt alone again (the mean of both is the
 * reference, so drifting background load hits both sides).
 *
 *   npm run load:login                         # cost 10, 15 s per measurement
 *   npm run load:login -- --cost 12 --seconds 10
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import bcrypt from 'bcrypt';
import { saveResult, seedPlayers, startLocalEnvironment } from './lib/local-env.ts';
import { MachineSampler, probeWindow, readProbe } from './lib/metrics.ts';

const { values: args } = parseArgs({
  options: {
    cost: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '16' },
    users: { type: 'string', default: '200' },
  },
});
const cost = Number(args.cost);
const seconds = Number(args.seconds);
const PASSWORD = 'Carga-Segura-2025';

/** Compares per second with `parallel` compares always in flight (the libuv pool does the work). */
async function rawBcryptRate(hash: string, parallel: number): Promise<number> {
  const end = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (Date.now() < end) {
        await bcrypt.compare(PASSWORD, hash);
        done++;
      }
    }),
  );
  return Math.round((done / seconds) * 10) / 10;
}

async function main() {
  const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  const local = await startLocalEnvironment({ BCRYPT_COST: String(cost), RATE_LIMIT_AUTH_MAX: '1000000' });
  const sampler = new MachineSampler(local.stack.pid).start();
  try {
    const users = await seedPlayers(local.db, Number(args.users), { password: PASSWORD, cost, prefix: 'login' });
    const hash = await bcrypt.hash(PASSWORD, cost);
    const t0 = Date.now();
    const before = await rawBcryptRate(hash, threads);
    const t1 = Date.now();
    let i = 0;
    const result = await autocannon({
      url: `${local.baseUrl}/auth/login`,
      connections: Number(args.connections),
      duration: seconds,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({ email: users[i++ % users.length]?.email, password: PASSWORD }),
          }),
        },
      ],
    });
    const t2 = Date.now();
    const after = await rawBcryptRate(hash, threads);
    const t3 = Date.now();
    const reference = (before + after) / 2;
    const loginsPerSecond = Math.round((result['2xx'] / seconds) * 10) / 10;
    const ratio = Math.round((loginsPerSecond / reference) * 1000) / 10;
    const probe = readProbe(local.probeFile);
    const file = saveResult('login-bcrypt', {
      cost,
      seconds,
      connections: Number(args.connections),
      rawBcrypt: {
        parallel: threads,
        before,
        after,
        reference,
        machineBefore: sampler.window(t0, t1),
        machineAfter: sampler.window(t2, t3),
      },
      login: {
        perSecond: loginsPerSecond,
        non2xx: result.non2xx,
        latencyMs: {
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
        },
        machine: sampler.window(t1, t2),
        server: probeWindow(probe, t1, t2),
      },
      loginVsRawBcryptPct: ratio,
      target: { pct: 90, met: ratio >= 90 },
    });
    console.log(
      `bcrypt cost ${cost}: raw ${before}/${after} compares/s (${threads} in parallel); login ${loginsPerSecond}/s ` +
        `(p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}) = ${ratio} % of raw; load ${sampler.window(t1, t2).load1}`,
    );
    console.log(`result: ${file}`);
  } finally {
    sampler.stop();
    await local.stop();
  }
}

await main();
