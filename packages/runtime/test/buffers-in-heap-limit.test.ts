import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { v8AccountsBuffersByDefault } from '../src/buffers-in-heap-limit.ts';

const run = promisify(execFile);
const moduleUrl = new URL('../src/buffers-in-heap-limit.ts', import.meta.url).href;

/**
 * A process that keeps a heap of small objects and streams 1.25 GB through 64 KiB buffers it drops at once,
 * as the API does with request bodies; it reports how many full (mark-compact) collections that took.
 */
const streamThroughBuffers = (callFirst: boolean) => `
  import { constants, PerformanceObserver } from 'node:perf_hooks';
  const { accountBuffersInHeapLimit } = await import(${JSON.stringify(moduleUrl)});
  const flagSet = ${callFirst} ? accountBuffersInHeapLimit() : false;
  let full = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++;
  }).observe({ entryTypes: ['gc'] });
  const kept = Array.from({ length: 200_000 }, (_, i) => ({ i, name: 'n' + i }));
  const inFlight = [];
  for (let i = 0; i < 20_000; i++) {
    inFlight.push(Buffer.from(Buffer.allocUnsafeSlow(64 * 1024)));
    if (inFlight.length > 50) inFlight.shift();
    if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  console.log(JSON.stringify({ flagSet, full, kept: kept.length }));
`;

async function fullCollections(callFirst: boolean): Promise<{ flagSet: boolean; full: number }> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', streamThroughBuffers(callFirst)]);
  return JSON.parse(stdout) as { flagSet: boolean; full: number };
}

describe('accountBuffersInHeapLimit', () => {
  it.skipIf(v8AccountsBuffersByDefault(process.versions.v8))(
    'cuts the full collections a stream of short-lived buffers starts to under a quarter',
    async () => {
      const [without, withFlag] = await Promise.all([fullCollections(false), fullCollections(true)]);

      expect(withFlag.flagSet).toBe(true);
      expect(without.full).toBeGreaterThanOrEqual(8);
      expect(withFlag.full).toBeLessThanOrEqual(without.full / 4);
    },
  );

  it('is left out on a V8 that behaves so by default (14.8 and later)', () => {
    expect(v8AccountsBuffersByDefault('13.6.233.10-node.28')).toBe(false);
    expect(v8AccountsBuffersByDefault('14.6.202.0')).toBe(false);
    expect(v8AccountsBuffersByDefault('14.8.0.0')).toBe(true);
    expect(v8AccountsBuffersByDefault('15.0.1.0')).toBe(true);
  });
});
