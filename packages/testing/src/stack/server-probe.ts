/**
 * Loaded into the API process with `node --import` by the load-test harness (never in production):
 * once a second it appends one JSON line to ANB_PROBE_FILE with the process CPU, memory, event loop
 * delay, garbage collections and the PostgreSQL pool state (time waited for a connection, clients waiting).
 */
import { appendFileSync } from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import pg from 'pg';

const file = process.env.ANB_PROBE_FILE;

if (file) {
  const pools = new Set<pg.Pool>();
  let waits: number[] = [];
  const connect = pg.Pool.prototype.connect as (...args: unknown[]) => unknown;
  // Time from asking the pool for a client to getting one: the DB pool wait.
  pg.Pool.prototype.connect = function patchedConnect(this: pg.Pool, ...args: unknown[]) {
    pools.add(this);
    const started = performance.now();
    const callback = args[0];
    if (typeof callback === 'function') {
      return connect.call(this, (...result: unknown[]) => {
        waits.push(performance.now() - started);
        (callback as (...a: unknown[]) => void)(...result);
      });
    }
    const promise = connect.call(this) as Promise<pg.PoolClient>;
    return promise.then((client) => {
      waits.push(performance.now() - started);
      return client;
    });
  } as typeof pg.Pool.prototype.connect;

  // Full (mark-compact) collections pause the loop for milliseconds each; scavenges cost far less (ADR 33).
  const collections = { minor: 0, full: 0, pauseMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) collections.minor++;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) collections.full++;
      collections.pauseMs += entry.duration;
    }
  }).observe({ entryTypes: ['gc'] });

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let cpu = process.cpuUsage();
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const elapsedUs = (now - last) * 1000;
    last = now;
    const sorted = waits.sort((a, b) => a - b);
    const pick = (q: number) =>
      sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) : 0;
    let waiting = 0;
    let total = 0;
    for (const pool of pools) {
      waiting += pool.waitingCount;
      total += pool.totalCount;
    }
    const sample = {
      t: Date.now(),
      cpuPct: (100 * (used.user + used.system)) / elapsedUs,
      rssMb: process.memoryUsage.rss() / 1048576,
      heapMb: process.memoryUsage().heapUsed / 1048576,
      elP50Ms: loop.percentile(50) / 1e6,
      elP99Ms: loop.percentile(99) / 1e6,
      elMaxMs: loop.max / 1e6,
      poolAcquires: sorted.length,
      poolWaitP50Ms: pick(0.5),
      poolWaitP99Ms: pick(0.99),
      poolWaitMaxMs: sorted.length ? (sorted[sorted.length - 1] ?? 0) : 0,
      poolWaiting: waiting,
      poolTotal: total,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      minorGcs: collections.minor,
      fullGcs: collections.full,
      gcPauseMs: collections.pauseMs,
    };
    waits = [];
    Object.assign(collections, { minor: 0, full: 0, pauseMs: 0 });
    loop.reset();
    appendFileSync(file, `${JSON.stringify(sample)}\n`);
  }, 1000);
  timer.unref();
}
