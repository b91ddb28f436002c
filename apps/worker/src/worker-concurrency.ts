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
 * An explicit WORKER_CONCURRENCY wins; otherwise one job per CPU the process is given. On Node 24,
 * `availableParallelism()` counts the CPUs of the affinity mask and lowers that to a cgroup CPU
 * quota of one CPU or more, rounded down (docker --cpus=1.5 gives 1); a quota under one CPU is
 * ignored. One job keeps most of a core busy and a second fills the moments one job leaves a core
 * idle (probe, join, poster), so one per CPU reaches the encode floor (docs/capacity/worker-bench.md).
 */
export function resolveWorkerConcurrency(
  configured: number | undefined,
  cpus: number = availableParallelism(),
): WorkerConcurrency {
  if (configured !== undefined) return { jobs: configured, source: 'WORKER_CONCURRENCY', cpus };
  return { jobs: Math.min(Math.max(cpus, 1), maxWorkerConcurrency), source: 'CPUs given', cpus };
}
