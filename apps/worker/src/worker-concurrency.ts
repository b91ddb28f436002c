import { availableParallelism } from 'node:os';

/** The same ceiling the configuration puts on an explicit WORKER_CONCURRENCY. */
export const maxWorkerConcurrency = 16;

export interface WorkerConcurrency {
  /** Videos this worker renders at once. */
  jobs: number;
  /** Where `jobs` came from, for the start-up log. */
  source: 'WORKER_CONCURRENCY' | 'CPUs given';
  /** What `os.availableParallelism()` reported. */
  cpus: number;
}

/**
 * An explicit WORKER_CONCURRENCY wins; otherwise one job per CPU the process is given: one job
 * leaves part of the cores idle around the encode (probe, join, checks) and a second fills them
 * (docs/capacity/worker-bench.md).
 *
 * On Node 24 `availableParallelism()` counts the CPUs of the affinity mask (docker --cpuset-cpus)
 * and lowers that to a CPU quota of one CPU or more, rounded down (docker --cpus=1.5 gives 1),
 * read from cgroup v2 `cpu.max` or from a v1 `cpu,cpuacct` hierarchy. It ignores a quota under one
 * CPU and a v1 `cpu` controller mounted on its own; set WORKER_CONCURRENCY there (infra does).
 */
export function resolveWorkerConcurrency(
  configured: number | undefined,
  cpus: number = availableParallelism(),
): WorkerConcurrency {
  if (configured !== undefined) return { jobs: configured, source: 'WORKER_CONCURRENCY', cpus };
  return { jobs: Math.min(Math.max(cpus, 1), maxWorkerConcurrency), source: 'CPUs given', cpus };
}
