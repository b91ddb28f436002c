import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/**
 * Runnable threads at one instant: on the whole machine, those of one process tree, and the
 * kernel's own threads (softirq and I/O workers, mostly busy with the run's own loopback traffic).
 */
export function runnableThreads(rootPid: number): { total: number; own: number; kernel: number } {
  // /proc/loadavg's fourth field is "runnable/total" scheduling entities right now.
  const total = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[3]?.split('/')[0] ?? 0);
  const children = new Map<number, number[]>();
  let kernel = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(`/proc/${entry}/stat`);
    const ppid = Number(fields?.[1] ?? -1);
    // kthreadd is pid 2 and the parent of every other kernel thread.
    if ((entry === '2' || ppid === 2) && fields?.[0] === 'R') kernel++;
    const siblings = children.get(ppid) ?? [];
    siblings.push(Number(entry));
    children.set(ppid, siblings);
  }
  let own = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    queue.push(...(children.get(pid) ?? []));
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) if (statFields(`/proc/${pid}/task/${tid}/stat`)?.[0] === 'R') own++;
  }
  return { total, own: Math.min(own, total), kernel };
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
      const { total, own, kernel } = runnableThreads(this.#rootPid);
      this.#others.push(Math.max(0, total - own - kernel));
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
