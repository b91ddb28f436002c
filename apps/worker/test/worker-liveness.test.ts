import { describe, expect, it } from 'vitest';
import { WorkerLiveness } from '../src/worker-liveness.ts';

const limits = { concurrency: 2, maxPollGapMs: 60_000, maxJobMs: 600_000 };

describe('worker liveness', () => {
  it('is healthy while the poll loop keeps reporting', () => {
    const liveness = new WorkerLiveness(limits, 0);
    liveness.polled(50_000);
    expect(liveness.problem(100_000)).toBeUndefined();
  });

  it('is stuck when the poll loop has not reported within the limit and a slot is free', () => {
    const liveness = new WorkerLiveness(limits, 0);
    liveness.jobStarted(1_000);
    expect(liveness.problem(61_000)).toBe('the queue has not been polled for 61 s');
  });

  it('is healthy without polls while every slot runs a job within its budget', () => {
    const liveness = new WorkerLiveness(limits, 0);
    liveness.jobStarted(1_000);
    liveness.jobStarted(2_000);
    expect(liveness.problem(300_000)).toBeUndefined();
  });

  it('is stuck when a job runs past its budget, even while the loop polls', () => {
    const liveness = new WorkerLiveness(limits, 0);
    liveness.jobStarted(0);
    liveness.polled(600_500);
    expect(liveness.problem(601_000)).toBe('a job has run for 601 s');
  });

  it('forgets a job once it ended', () => {
    const liveness = new WorkerLiveness(limits, 0);
    const job = liveness.jobStarted(0);
    liveness.jobEnded(job);
    liveness.polled(700_000);
    expect(liveness.problem(700_000)).toBeUndefined();
    expect(liveness.runningJobs).toBe(0);
  });
});
