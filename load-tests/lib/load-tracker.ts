import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** Threads of one process in state R (running or waiting for a CPU). */
function runnableTasks(pid: number, fields: string[]): number {
  // num_threads is the 20th field of stat, the 18th after the command name.
  if (Number(fields[17] ?? 1) <= 1) return fields[0] === 'R' ? 1 : 0;
  let count = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`))
      if (statFields(`/proc/${pid}/task/${tid}/stat`)?.[0] === 'R') count++;
  } catch {
    // The process ended meanwhile.
  }
  return count;
}

/**
 * Runnable threads at one instant, of one process tree (`own`) and of every other user process
 * (`others`), each counted directly. Kernel threads count for neither: their softirq and I/O work
 * is mostly the run's own loopback traffic and disk writes.
 */
export function runnableThreads(rootPid: number): { own: number; others: number } {
  const stats = new Map<number, string[]>();
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(`/proc/${entry}/stat`);
    if (!fields) continue;
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    stats.set(pid, fields);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const ownPids = new Set<number>();
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    ownPids.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  let own = 0;
  let others = 0;
  for (const [pid, fields] of stats) {
    // kthreadd is pid 2 and the parent of every other kernel thread.
    if (pid === 2 || fields[1] === '2') continue;
    if (ownPids.has(pid)) own += runnableTasks(pid, fields);
    else others += runnableTasks(pid, fields);
  }
  return { own, others };
}

/** The fields after the command name of a /proc stat file (state first), or undefined once it is gone. */
function statFields(file: string): string[] | undefined {
  try {
    const stat = readFileSync(file, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

export interface LoadDuring {
  seconds: number;
  samples: number;
  /** The machine's 1-minute load average, everything included (this run too). */
  load1Mean: number;
  load1Max: number;
  /** Runnable user threads outside this run's process tree: the load others put on the machine meanwhile. */
  othersRunnableMean: number;
  othersRunnableMax: number;
}

/**
 * Samples once a second the 1-minute load average and how many runnable threads belong to
 * processes other than this run's tree (the generator, the API, PostgreSQL, ffmpeg are all its
 * descendants). A saturating run pushes the load average past the core count by itself; what
 * says whether the machine was shared is the load outside the run.
 */
export class LoadTracker {
  readonly startedAt = Date.now();
  readonly loadBefore = loadavg().map((v) => Math.round(v * 100) / 100);
  #load1: number[] = [];
  #others: number[] = [];
  #timer: NodeJS.Timeout | undefined;
  readonly #rootPid: number;

  constructor(rootPid: number) {
    this.#rootPid = rootPid;
  }

  start(): this {
    this.#timer = setInterval(() => this.sample(), 1000);
    this.#timer.unref();
    return this;
  }

  sample(): void {
    this.#load1.push(loadavg()[0] ?? 0);
    try {
      this.#others.push(runnableThreads(this.#rootPid).others);
    } catch {
      // No /proc (not Linux): only the load average is known.
    }
  }

  stop(): LoadDuring {
    clearInterval(this.#timer);
    this.sample();
    const mean = (values: number[]) =>
      values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : 0;
    const max = (values: number[]) => (values.length ? Math.round(Math.max(...values) * 100) / 100 : 0);
    return {
      seconds: Math.round((Date.now() - this.startedAt) / 1000),
      samples: this.#load1.length,
      load1Mean: mean(this.#load1),
      load1Max: max(this.#load1),
      othersRunnableMean: mean(this.#others),
      othersRunnableMax: max(this.#others),
    };
  }
}
