import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarise(values: number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(sorted.length ? sum / sorted.length : 0),
  };
}

interface CpuTimes {
  busy: number;
  total: number;
}

function systemCpu(): CpuTimes {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** Milliseconds the block devices spent busy (sum over whole disks), from /proc/diskstats. */
function diskBusyMs(): number {
  let sum = 0;
  for (const line of readFileSync('/proc/diskstats', 'utf8').split('\n')) {
    const f = line.trim().split(/\s+/);
    const name = f[2] ?? '';
    if (!/^(vd[a-z]|sd[a-z]|nvme\d+n\d+|xvd[a-z])$/.test(name)) continue;
    sum += Number(f[12] ?? 0);
  }
  return sum;
}

function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime (clock ticks, 100 Hz): children count once they exit.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export interface MachineSample {
  t: number;
  systemCpuPct: number;
  generatorCpuPct: number;
  apiCpuPct?: number;
  load1: number;
  diskBusyPct: number;
}

/**
 * Samples the machine once a second while a test runs: whole-machine CPU, the generator's own CPU
 * (this process: it shares the machine), the API process CPU when local, the 1-min load average and
 * how busy the disks were.
 */
export class MachineSampler {
  readonly samples: MachineSample[] = [];
  #timer: NodeJS.Timeout | undefined;
  #apiPid: number | undefined;

  constructor(apiPid?: number) {
    this.#apiPid = apiPid;
  }

  start(): this {
    let cpu = systemCpu();
    let gen = process.cpuUsage();
    let disk = diskBusyMs();
    let api = this.#apiPid ? processCpuSeconds(this.#apiPid) : 0;
    let last = performance.now();
    this.#timer = setInterval(() => {
      const now = performance.now();
      const elapsedMs = now - last;
      last = now;
      const nextCpu = systemCpu();
      const nextGen = process.cpuUsage();
      const nextDisk = diskBusyMs();
      const nextApi = this.#apiPid ? processCpuSeconds(this.#apiPid) : 0;
      const genUs = nextGen.user - gen.user + nextGen.system - gen.system;
      this.samples.push({
        t: Date.now(),
        systemCpuPct: (100 * (nextCpu.busy - cpu.busy)) / Math.max(1, nextCpu.total - cpu.total),
        generatorCpuPct: (100 * genUs) / 1000 / elapsedMs,
        ...(this.#apiPid ? { apiCpuPct: (100 * (nextApi - api) * 1000) / elapsedMs } : {}),
        load1: loadavg()[0] ?? 0,
        diskBusyPct: (100 * (nextDisk - disk)) / elapsedMs,
      });
      cpu = nextCpu;
      gen = nextGen;
      disk = nextDisk;
      api = nextApi;
    }, 1000);
    this.#timer.unref();
    return this;
  }

  stop(): MachineSample[] {
    clearInterval(this.#timer);
    return this.samples;
  }

  /** Means over [from, to] (epoch ms). */
  window(from: number, to: number) {
    const inside = this.samples.filter((s) => s.t >= from && s.t <= to + 1000);
    const mean = (pick: (s: MachineSample) => number | undefined) => {
      const values = inside.map(pick).filter((v): v is number => v !== undefined);
      return values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null;
    };
    const max = (pick: (s: MachineSample) => number) =>
      inside.length ? Math.round(Math.max(...inside.map(pick)) * 10) / 10 : null;
    return {
      systemCpuPct: mean((s) => s.systemCpuPct),
      generatorCpuPct: mean((s) => s.generatorCpuPct),
      generatorCpuMaxPct: max((s) => s.generatorCpuPct),
      apiCpuPct: mean((s) => s.apiCpuPct),
      load1: mean((s) => s.load1),
      diskBusyPct: mean((s) => s.diskBusyPct),
    };
  }
}

export interface ProbeSample {
  t: number;
  cpuPct: number;
  rssMb: number;
  heapMb: number;
  elP50Ms: number;
  elP99Ms: number;
  elMaxMs: number;
  poolAcquires: number;
  poolWaitP50Ms: number;
  poolWaitP99Ms: number;
  poolWaitMaxMs: number;
  poolWaiting: number;
  poolTotal: number;
  maxRssMb: number;
  /** Collections in the second, and the loop's time paused by all of them. */
  minorGcs: number;
  fullGcs: number;
  gcPauseMs: number;
}

export function readProbe(file: string | undefined): ProbeSample[] {
  if (!file || !existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ProbeSample);
}

/** Server-side KPIs over [from, to]: means and worst seconds. */
export function probeWindow(samples: ProbeSample[], from: number, to: number) {
  const inside = samples.filter((s) => s.t >= from && s.t <= to + 1000);
  if (inside.length === 0) return null;
  const mean = (pick: (s: ProbeSample) => number) =>
    Math.round((inside.reduce((a, s) => a + pick(s), 0) / inside.length) * 10) / 10;
  const max = (pick: (s: ProbeSample) => number) => Math.round(Math.max(...inside.map(pick)) * 10) / 10;
  return {
    apiCpuPct: mean((s) => s.cpuPct),
    apiCpuMaxPct: max((s) => s.cpuPct),
    rssMaxMb: max((s) => s.rssMb),
    eventLoopDelayP99Ms: mean((s) => s.elP99Ms),
    eventLoopDelayMaxMs: max((s) => s.elMaxMs),
    poolWaitP99Ms: mean((s) => s.poolWaitP99Ms),
    poolWaitMaxMs: max((s) => s.poolWaitMaxMs),
    poolWaitingMax: max((s) => s.poolWaiting),
    minorGcsPerS: mean((s) => s.minorGcs),
    fullGcsPerS: mean((s) => s.fullGcs),
    gcPauseMsPerS: mean((s) => s.gcPauseMs),
  };
}

/** What the report needs to say about the machine a result came from. */
export function machineInfo() {
  let ffmpeg: string;
  try {
    ffmpeg = execFileSync('ffmpeg', ['-version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
  } catch {
    ffmpeg = 'not found';
  }
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1073741824),
    node: process.version,
    ffmpeg,
  };
}
