import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { maxWorkerConcurrency, resolveWorkerConcurrency } from '../src/worker-concurrency.ts';

describe('worker concurrency', () => {
  it('takes an explicit WORKER_CONCURRENCY over the CPUs given', () => {
    expect(resolveWorkerConcurrency(1, 4)).toEqual({ jobs: 1, source: 'WORKER_CONCURRENCY', cpus: 4 });
    expect(resolveWorkerConcurrency(3, 2)).toEqual({ jobs: 3, source: 'WORKER_CONCURRENCY', cpus: 2 });
  });

  it('runs one job per CPU given when WORKER_CONCURRENCY is not set', () => {
    expect(resolveWorkerConcurrency(undefined, 2)).toEqual({ jobs: 2, source: 'CPUs given', cpus: 2 });
    expect(resolveWorkerConcurrency(undefined, 1)).toEqual({ jobs: 1, source: 'CPUs given', cpus: 1 });
  });

  it('keeps the default under the same ceiling as an explicit value', () => {
    expect(resolveWorkerConcurrency(undefined, 64).jobs).toBe(maxWorkerConcurrency);
  });

  it("asks Node for this machine's CPUs when none are passed", () => {
    expect(resolveWorkerConcurrency(undefined)).toMatchObject({ cpus: availableParallelism(), source: 'CPUs given' });
  });
});
