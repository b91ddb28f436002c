/**
 * Scenario 1 — web layer: concurrent uploaders of real MP4 files, workers decoupled (the stack runs
 * with WORKER_ENABLED=false, so the queue only accepts messages).
 *
 *   npm run load:s1 -- --size 4mb --phase smoke                     # 5 users, 1 min
 *   npm run load:s1 -- --size 4mb --phase ramp --users 100,200,300  # 0→X in 3 min, hold 5 min, per X until SLO breaks
 *   npm run load:s1 -- --size 4mb --phase sustained --users 160      # 5 min at X (80 % of the best X)
 *   npm run load:s1 -- --size 4mb --mode open --rate 40 --users 100  # open model: 40 uploads/s from 100 signed-in users
 *   ... --ramp-seconds 30 --hold-seconds 60                           # shorter runs
 *   ... --base-url https://host/api                                   # any deployment (players are signed up over HTTP)
 *
 * Closed model: each virtual user logs in once, then uploads, deletes its upload (keeps the disk
 * flat; not counted in upload latency) and thinks `--think-ms` before the next one. Open model:
 * uploads are scheduled at a fixed arrival rate whatever the answers, and latency is measured from
 * the scheduled instant, so a slow server cannot hide queueing (no coordinated omission).
 */
import { parseArgs } from 'node:util';
import { loadFixture, sizeOf, type LoadFixture } from '@anb/testing/sample-videos';
import { kpiCrossings } from './lib/kpis.ts';
import { saveResult, seedPlayers, sleep, startLocalEnvironment, type LocalEnvironment } from './lib/local-env.ts';
import { MachineSampler, probeWindow, readProbe, summarise } from './lib/metrics.ts';
import { MultipartUpload } from './lib/multipart-upload.ts';
import { repoRoot } from '@anb/testing/stack';

const { values: args } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    size: { type: 'string', default: '4mb' },
    phase: { type: 'string', default: 'ramp' },
    users: { type: 'string', default: '100' },
    'ramp-seconds': { type: 'string' },
    'hold-seconds': { type: 'string' },
    'think-ms': { type: 'string', default: '1000' },
    mode: { type: 'string', default: 'closed' },
    rate: { type: 'string' },
    'timeout-ms': { type: 'string', default: '60000' },
    'bcrypt-cost': { type: 'string', default: '10' },
    'slo-p95-ms': { type: 'string', default: '1000' },
    'slo-errors-pct': { type: 'string', default: '5' },
  },
});

const size = args.size as LoadFixture;
const phase = args.phase as 'smoke' | 'ramp' | 'sustained';
const userSteps = phase === 'smoke' ? [5] : (args.users ?? '100').split(',').map(Number);
const rampSeconds = Number(args['ramp-seconds'] ?? (phase === 'ramp' ? 180 : phase === 'sustained' ? 30 : 5));
const holdSeconds = Number(args['hold-seconds'] ?? (phase === 'smoke' ? 60 : 300));
const thinkMs = Number(args['think-ms']);
const timeoutMs = Number(args['timeout-ms']);
const sloP95 = Number(args['slo-p95-ms']);
const sloErrors = Number(args['slo-errors-pct']);
const PASSWORD = 'Carga-Segura-2025';

interface Sample {
  /** When the request was scheduled (open model) or sent (closed model), epoch ms. */
  t: number;
  ms: number;
  status: number;
  error?: string;
}

async function login(baseUrl: string, email: string): Promise<{ token: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || !body.access_token) throw new Error(`login failed: ${response.status}`);
  return { token: body.access_token, ms: performance.now() - started };
}

async function signupOverHttp(baseUrl: string, count: number): Promise<string[]> {
  const run = Date.now().toString(36);
  const emails: string[] = [];
  for (let i = 0; i < count; i++) {
    const email = `s1-${run}-${i}@load.anb.test`;
    const response = await fetch(`${baseUrl}/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        first_name: 'Carga',
        last_name: `Uno ${i}`,
        email,
        password1: PASSWORD,
        password2: PASSWORD,
        city: 'Bogotá',
        country: 'Colombia',
      }),
    });
    if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${await response.text()}`);
    emails.push(email);
  }
  return emails;
}

async function uploadOnce(baseUrl: string, token: string, upload: MultipartUpload, t: number, samples: Sample[]) {
  let videoId: string | undefined;
  try {
    const response = await upload.send(`${baseUrl}/videos/upload`, token, timeoutMs);
    const body = (() => {
      try {
        return JSON.parse(response.body) as { video_id?: string; code?: string };
      } catch {
        return {};
      }
    })();
    samples.push({
      t,
      ms: Date.now() - t,
      status: response.status,
      ...(response.status === 201 ? {} : { error: body.code ?? String(response.status) }),
    });
    videoId = body.video_id;
  } catch (error) {
    samples.push({ t, ms: Date.now() - t, status: 0, error: (error as Error).name || 'network' });
  }
  if (videoId) {
    // Keep the disk flat over long runs: the video is not published (no worker), so it may go.
    await fetch(`${baseUrl}/videos/${videoId}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
  }
}

function windowStats(samples: Sample[], from: number, to: number) {
  const inside = samples.filter((s) => s.t >= from && s.t < to);
  const ok = inside.filter((s) => s.status === 201);
  const errors = inside.length - ok.length;
  const seconds = Math.max(1, (to - from) / 1000);
  const byError: Record<string, number> = {};
  for (const s of inside) if (s.error) byError[s.error] = (byError[s.error] ?? 0) + 1;
  return {
    requests: inside.length,
    rps: Math.round((ok.length / seconds) * 100) / 100,
    errorPct: inside.length ? Math.round((1000 * errors) / inside.length) / 10 : 0,
    errors: byError,
    latencyMs: summarise(inside.map((s) => s.ms)),
  };
}

async function runStep(
  baseUrl: string,
  users: number,
  file: MultipartUpload,
  emails: string[],
  sampler: MachineSampler,
  probeFile: string | undefined,
) {
  const samples: Sample[] = [];
  const logins: number[] = [];
  const start = Date.now();
  const rampEnd = start + rampSeconds * 1000;
  const end = rampEnd + holdSeconds * 1000;
  const active = { users: 0 };
  const mode = args.mode === 'open' ? 'open' : 'closed';
  const rate = Number(args.rate ?? 0);

  if (mode === 'closed') {
    const vus = Array.from({ length: users }, async (_, i) => {
      await sleep((rampSeconds * 1000 * i) / users);
      const { token, ms } = await login(baseUrl, emails[i % emails.length] as string);
      logins.push(ms);
      active.users++;
      while (Date.now() < end) {
        await uploadOnce(baseUrl, token, file, Date.now(), samples);
        if (thinkMs > 0) await sleep(thinkMs);
      }
    });
    await Promise.all(vus);
  } else {
    // Open model: log everybody in first, then schedule arrivals (rate ramps up linearly over the ramp).
    const tokens: string[] = [];
    for (let i = 0; i < users; i += 10) {
      const batch = await Promise.all(emails.slice(i, Math.min(users, i + 10)).map((email) => login(baseUrl, email)));
      for (const { token, ms } of batch) {
        tokens.push(token);
        logins.push(ms);
      }
    }
    active.users = users;
    const inflight = new Set<Promise<void>>();
    const openStart = Date.now();
    const openRampEnd = openStart + rampSeconds * 1000;
    const openEnd = openRampEnd + holdSeconds * 1000;
    let next = openStart;
    let n = 0;
    while (next < openEnd) {
      const wait = next - Date.now();
      if (wait > 0) await sleep(wait);
      const scheduled = next;
      const p = uploadOnce(baseUrl, tokens[n++ % tokens.length] as string, file, scheduled, samples).finally(() =>
        inflight.delete(p),
      );
      inflight.add(p);
      const current =
        scheduled < openRampEnd ? Math.max(rate * ((scheduled - openStart) / (rampSeconds * 1000)), 0.5) : rate;
      next = scheduled + 1000 / current;
    }
    await Promise.all(inflight);
  }

  const finished = Date.now();
  const holdFrom = mode === 'closed' ? rampEnd : finished - holdSeconds * 1000;
  const probe = readProbe(probeFile);
  const buckets = [];
  for (let from = start; from < finished; from += 10_000) {
    const to = Math.min(finished, from + 10_000);
    const elapsed = (from - start) / 1000;
    const usersAt =
      mode === 'closed' ? Math.min(users, Math.round((users * elapsed) / Math.max(1, rampSeconds))) : users;
    buckets.push({
      secondsFromStart: elapsed,
      users: usersAt,
      ...windowStats(samples, from, to),
      machine: sampler.window(from, to),
      server: probeWindow(probe, from, to),
    });
  }
  const hold = windowStats(samples, holdFrom, finished);
  const overall = windowStats(samples, start, finished);
  const crossings = kpiCrossings(sampler.samples, probe, start, finished);
  return {
    users,
    mode,
    ...(mode === 'open' ? { rate } : {}),
    rampSeconds,
    holdSeconds,
    thinkMs,
    loginMs: summarise(logins),
    hold,
    overall,
    sloMet: hold.latencyMs.p95 <= sloP95 && hold.errorPct <= sloErrors,
    machineHold: sampler.window(holdFrom, finished),
    serverHold: probeWindow(probe, holdFrom, finished),
    firstKpiToDegrade: crossings[0] ?? null,
    kpiCrossings: crossings.map((c) => ({ ...c, secondsFromStart: Math.round((c.at - start) / 1000) })),
    buckets,
  };
}

async function main() {
  const fixture = await loadFixture(repoRoot, size);
  const fileBytes = await sizeOf(fixture);
  const file = new MultipartUpload(fixture, { title: 'Jugada de carga', fileName: 'jugada.mp4' });
  const maxUsers = Math.max(...userSteps);
  let local: LocalEnvironment | undefined;
  let baseUrl = args['base-url'];
  let emails: string[];
  if (!baseUrl) {
    // Each virtual user uploads every few seconds for minutes: the per-player upload limit counts but never refuses here.
    local = await startLocalEnvironment({ BCRYPT_COST: args['bcrypt-cost'] ?? '10', UPLOAD_RATE_MAX: '100000000' });
    baseUrl = local.baseUrl;
    emails = (await seedPlayers(local.db, maxUsers, { password: PASSWORD, cost: Number(args['bcrypt-cost']) })).map(
      (p) => p.email,
    );
  } else {
    emails = await signupOverHttp(baseUrl, maxUsers);
  }
  console.log(
    `scenario 1: ${size} (${(fileBytes / 1048576).toFixed(1)} MiB) against ${baseUrl}, ${phase}, users ${userSteps.join(',')}`,
  );
  const sampler = new MachineSampler(local?.stack.pid).start();
  const steps = [];
  try {
    for (const users of userSteps) {
      const step = await runStep(baseUrl, users, file, emails, sampler, local?.probeFile);
      steps.push(step);
      const h = step.hold;
      console.log(
        `X=${users}${step.mode === 'open' ? ` rate=${args.rate}/s` : ''}: hold p50 ${h.latencyMs.p50} ms, p95 ${h.latencyMs.p95} ms, p99 ${h.latencyMs.p99} ms, ` +
          `${h.rps} uploads/s, errors ${h.errorPct} % ${JSON.stringify(h.errors)}; SLO ${step.sloMet ? 'met' : 'MISSED'}; ` +
          `generator CPU ${step.machineHold.generatorCpuPct} %, API CPU ${step.serverHold?.apiCpuPct ?? '?'} %, load ${step.machineHold.load1}; ` +
          `first KPI to degrade: ${step.firstKpiToDegrade ? `${step.firstKpiToDegrade.kpi} (${step.firstKpiToDegrade.value})` : 'none'}`,
      );
      if (!step.sloMet && phase === 'ramp') break;
    }
  } finally {
    sampler.stop();
    file.close();
    await local?.stop();
  }
  const file_ = saveResult(`scenario1-${size}-${phase}${args.mode === 'open' ? '-open' : ''}`, {
    scenario: 1,
    size,
    fileBytes,
    phase,
    target: local ? 'local stack (API + embedded PostgreSQL, worker off)' : baseUrl,
    slo: { p95Ms: sloP95, errorsPct: sloErrors },
    steps,
    bestUsersWithinSlo: Math.max(0, ...steps.filter((s) => s.sloMet).map((s) => s.users)),
  });
  console.log(`result: ${file_}`);
}

await main();
