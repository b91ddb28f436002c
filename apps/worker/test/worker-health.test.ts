import { execFile } from 'node:child_process';
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@anb/core';
import { createTestRuntime, type TestRuntime } from '@anb/testing/runtime';
import { startWorker } from '../src/start-worker.ts';
import { startFakeEcsAgent } from './support/fake-ecs-agent.ts';
import { waitFor } from '@anb/testing/wait-for';

const run = promisify(execFile);
const healthCheck = path.resolve(import.meta.dirname, '../src/health-check.ts');

let t: TestRuntime;
let agent: Awaited<ReturnType<typeof startFakeEcsAgent>>;
let dir: string;
beforeAll(async () => {
  agent = await startFakeEcsAgent();
  dir = await mkdtemp(path.join(tmpdir(), 'anb-worker-health-'));
  t = await createTestRuntime({
    ECS_AGENT_URI: agent.uri,
    WORKER_HEARTBEAT_FILE: path.join(dir, 'heartbeat'),
    WORKER_HEARTBEAT_MAX_AGE: '60',
    METRICS_NAMESPACE: 'ANB/test/worker',
  });
});
afterAll(async () => {
  await t.close();
  await agent.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the container health-check command; resolves with its exit code. */
async function runHealthCheck(): Promise<number> {
  const env = { ...process.env, WORKER_HEARTBEAT_FILE: t.config.WORKER_HEARTBEAT_FILE, WORKER_HEARTBEAT_MAX_AGE: '60' };
  return run(process.execPath, [healthCheck], { env }).then(
    () => 0,
    (error: { code: number }) => error.code,
  );
}

describe('worker health and scale-in protection in a running worker', () => {
  it('protects its task while a job runs, logs the job metrics, and passes its health check until it stalls', async () => {
    expect(await runHealthCheck()).toBe(1);
    const lines: Array<Record<string, unknown>> = [];
    const log = { info: (fields: object) => void lines.push(fields as never), error: () => {} };
    const worker = startWorker(t.config, t.runtime, log);
    try {
      // A video that no longer exists: the job ends at once as "skipped", through the same handler path.
      await t.runtime.queue.publish({ videoId: newId() });
      const done = await waitFor(async () => lines.find((line) => 'result' in line));
      expect(done).toMatchObject({
        result: 'skipped',
        outcome: 'processed',
        Service: 'worker',
        JobsProcessed: 1,
        JobsFailed: 0,
      });
      expect((done._aws as { CloudWatchMetrics: Array<{ Namespace: string }> }).CloudWatchMetrics[0]?.Namespace).toBe(
        'ANB/test/worker',
      );
      await waitFor(async () => (agent.requests.length >= 2 ? true : undefined));
      expect(agent.requests.map((request) => request.body.ProtectionEnabled)).toEqual([true, false]);
      expect(await runHealthCheck()).toBe(0);
    } finally {
      await worker.stop();
    }
    // Stopped: nothing refreshes the file; once it is older than the limit the check fails.
    const longAgo = new Date(Date.now() - 61_000);
    await utimes(t.config.WORKER_HEARTBEAT_FILE, longAgo, longAgo);
    expect(await runHealthCheck()).toBe(1);
  });
});
