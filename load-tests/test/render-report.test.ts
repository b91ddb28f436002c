import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ASSUMPTIONS } from '../report/assumptions.ts';
import type { Deployment } from '../report/deployment.ts';
import { buildReport, readHeader } from '../report/render-report.ts';
import { leftOutBecause, readResults } from '../report/results.ts';
import type { Json } from '../report/types.ts';

const quiet = (others = 0.2, before = 0.3) => ({
  cores: 2,
  commit: 'abc1234',
  treeDirty: false,
  profile: 'full',
  loadAverageBefore: [before, 0.5, 0.6],
  loadDuring: {
    seconds: 120,
    samples: 120,
    load1Mean: 3.1,
    load1Max: 3.9,
    othersRunnableMean: others,
    othersRunnableMax: 1,
  },
});

const latency = (p95: number) => ({ count: 100, p50: p95 / 2, p95, p99: p95 * 1.2, max: p95 * 2, mean: p95 / 2 });

const s1 = (p95: number) => ({
  name: 'scenario1-4mb-ramp',
  size: '4mb',
  steps: [
    {
      users: 100,
      mode: 'closed',
      thinkMs: 1000,
      rampSeconds: 60,
      holdSeconds: 120,
      hold: { rps: 40, errorPct: 0, latencyMs: latency(p95) },
      serverHold: { apiCpuPct: 140, fullGcsPerS: 3.7, gcPauseMsPerS: 51.9 },
      machineHold: { systemCpuPct: 90, generatorCpuPct: 60 },
      firstKpiToDegrade: null,
      buckets: [{ secondsFromStart: 0, users: 50, requests: 10, rps: 20, latencyMs: latency(p95) }],
    },
  ],
});

const readMix = {
  name: 'read-mix',
  readers: 200,
  voteRate: 200,
  hotShare: 0.8,
  phases: [
    {
      phase: 'votes spread',
      hot: false,
      seconds: 60,
      rankings: { rps: 2000, latencyMs: latency(45) },
      listing: { rps: 1800, latencyMs: latency(48) },
      votes: { offeredPerSecond: 200, countedPerSecond: 199, byStatus: { 200: 12000 }, latencyMs: latency(200) },
      machine: { systemCpuPct: 95, generatorCpuPct: 40 },
      server: { apiCpuPct: 80 },
    },
    {
      phase: 'hot video',
      hot: true,
      seconds: 60,
      rankings: { rps: 2400, latencyMs: latency(62) },
      listing: { rps: 2200, latencyMs: latency(64) },
      votes: { offeredPerSecond: 200, countedPerSecond: 199, byStatus: { 200: 12000 }, latencyMs: latency(250) },
      machine: { systemCpuPct: 95, generatorCpuPct: 40 },
      server: { apiCpuPct: 80 },
    },
  ],
  voteCapacity: [
    {
      mode: 'votes spread',
      votesPerSecond: 500,
      non2xx: 0,
      latencyMs: latency(100),
      machine: { systemCpuPct: 90, generatorCpuPct: 30 },
      server: { apiCpuPct: 55 },
    },
    {
      mode: 'all votes on one hot video',
      votesPerSecond: 450,
      non2xx: 0,
      latencyMs: latency(110),
      machine: { systemCpuPct: 90, generatorCpuPct: 30 },
      server: { apiCpuPct: 55 },
    },
  ],
  hotShareOfSpreadPct: 90,
};

const login = {
  name: 'login-bcrypt',
  cost: 10,
  rawBcrypt: { parallel: 4, before: 24, after: 22, reference: 23 },
  login: { perSecond: 22, non2xx: 0, latencyMs: { p99: 900 } },
  loginVsRawBcryptPct: 95.7,
};

const deployment: Deployment = {
  source: 'fixture',
  api: { vcpu: 1, memoryGb: 2, minTasks: 1, maxTasks: 3, cpuTarget: 0.6, poolMax: 15 },
  worker: { vcpu: 2, memoryGb: 4, minTasks: 1, maxTasks: 3, concurrency: 2, poolMax: 6 },
  database: { instanceType: 'db.t4g.small', multiAz: true, storageGb: 50, connectionsAlarm: 150 },
};

const bench = (extra: Json = {}) => ({
  finishedAt: '2026-12-06T10:00:00.000Z',
  machine: { cores: 2, loadAverages: { start: [0.2, 0.3, 0.4] } },
  floor: { medianVideosPerMinute: 5.2, medianCpuSecondsPerVideo: 20.4 },
  floorShares: [
    { concurrency: 2, isDefault: true, medianVideosPerMinute: 5.6, medianShare: 1.058, medianCpuSecondsPerVideo: 20.8 },
  ],
  summaries: [{ pipeline: 'ours', meanOutputMB: 22.3 }],
  batches: [{ loadBefore: [1.2], loadAfter: [1.8] }],
  ...extra,
});

let dir: string;
const write = (file: string, data: object) => writeFileSync(path.join(dir, file), JSON.stringify(data));

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'anb-report-test-'));
  write('scenario1-4mb-ramp-2026-12-06T10-00-00.json', { ...s1(800), ...quiet() });
  // Newer, but others ran 3.4 threads beside it on 2 cores: left out, and the older run speaks.
  write('scenario1-4mb-ramp-2026-12-06T11-00-00.json', { ...s1(19000), ...quiet(3.4) });
  write('read-mix-2026-12-06T10-10-00.json', { ...readMix, ...quiet() });
  write('login-bcrypt-2026-12-06T10-20-00.json', { ...login, ...quiet() });
  write('report-run-2026-12-06T09-59-00.json', {
    header: {
      date: '2026-12-06T09:59:00.000Z',
      commit: 'abc1234',
      treeDirty: true,
      cores: 2,
      cpuModel: 'Test CPU 3000',
      memoryGb: 24,
      node: 'v24.22.3',
      ffmpeg: 'ffmpeg version 5.1.9',
      postgres: 'postgres (PostgreSQL) 17.10',
      profile: 'full',
    },
    outcomes: [
      { id: 's1', exitCode: 0 },
      { id: 'share', exitCode: 1 },
    ],
  });
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}-worker-bench.json`, { force: true });
});

function render(benchData: Json = bench(), loginChanges: Json = {}) {
  write('login-bcrypt-2026-12-06T10-20-00.json', { ...login, ...loginChanges, ...quiet() });
  const benchFile = `${dir}-worker-bench.json`;
  writeFileSync(benchFile, JSON.stringify(benchData));
  return buildReport({
    header: readHeader(dir),
    runs: readResults(dir),
    benchFile,
    deployment,
    assumptions: ASSUMPTIONS,
  });
}

const verdictOf = (markdown: string, target: string) =>
  markdown
    .split('\n')
    .find((line) => line.startsWith(`| ${target}`))
    ?.split(' | ')[2];

describe('the capacity report', () => {
  it('leaves out the overloaded run, names it with its load, and takes the quiet one', () => {
    const report = render();
    expect(report.selected.s1?.file).toBe('scenario1-4mb-ramp-2026-12-06T10-00-00.json');
    expect(report.leftOut.map((run) => run.file)).toEqual(['scenario1-4mb-ramp-2026-12-06T11-00-00.json']);
    expect(report.markdown).toMatch(
      /- `scenario1-4mb-ramp-2026-12-06T11-00-00\.json`: others' load during the run 3\.4 > 2 cores/,
    );
    expect(report.markdown).not.toContain('19000');
  });

  it('judges the targets from the runs it kept', () => {
    const { markdown } = render();
    expect(verdictOf(markdown, 'Scenario 1')).toBe('**met**');
    expect(verdictOf(markdown, 'Read mix')).toBe('**missed**');
    expect(verdictOf(markdown, 'Vote capacity')).toBe('**met**');
    expect(verdictOf(markdown, 'Login')).toBe('**met**');
    expect(
      verdictOf(
        render(undefined, { rawBcrypt: { parallel: 4, before: 30, after: 12, reference: 21 } }).markdown,
        'Login',
      ),
    ).toBe('not judged');
    expect(verdictOf(markdown, 'API RSS')).toBe('not measured');
    expect(verdictOf(markdown, 'Shared video page')).toBe('not measured');
    // The bench has no end-to-end share yet: its renderShowcase share is shown, the target not judged.
    expect(verdictOf(markdown, 'Worker')).toBe('not measured');
    expect(markdown).toContain('renderShowcase alone at the default concurrency: 105.8 % of the floor');
  });

  it("judges the worker on the bench's end-to-end share when it has one", () => {
    const { markdown } = render(
      bench({
        endToEnd: {
          videos: 4,
          cpuSeconds: 90,
          shareOfFloorWall: 0.962,
          shareOfFloorCpu: 0.97,
          sharesOfFloorWall: [0.9, 0.962],
        },
      }),
    );
    expect(verdictOf(markdown, 'Worker')).toBe('**met**');
    expect(markdown).toContain('96.2 % of the floor (endToEnd.shareOfFloorWall)');
  });

  it("shows the API's full collections a second in scenario 1, with the loop's time they paused", () => {
    const { markdown } = render();
    const header = markdown.split('\n').find((line) => line.includes('API full GCs/s (loop paused ms/s)'));
    const row = markdown.split('\n').find((line) => line.startsWith('| closed, think 1000 ms'));
    const column = header?.split(' | ').findIndex((cell) => cell.includes('API full GCs/s'));
    expect(column).toBeGreaterThan(0);
    expect(row?.split(' | ')[column!]?.trim()).toBe('3.7 (51.9)');
  });

  it('states the machine, the versions and the commit in the header, and each run its load', () => {
    const { markdown } = render();
    for (const text of [
      '`abc1234` (uncommitted changes in the tree)',
      '2 cores (Test CPU 3000), 24 GB RAM',
      'v24.22.3',
      'ffmpeg version 5.1.9',
      'PostgreSQL) 17.10',
    ]) {
      expect(markdown).toContain(text);
    }
    expect(markdown).toContain('load average before 0.3, during mean 3.1, max 3.9');
    expect(markdown).toMatch(/\| failed +\| share \(exit 1\)/);
    expect(markdown.split('\n')[2]).toMatch(/Generated by `npm run load:report`/);
  });

  it('tags every capacity figure measured, assumed or computed and names the first component to saturate', () => {
    const { markdown } = render();
    expect(markdown).toMatch(
      /\| votes\/s the database commits \(spread, closed loop\) \| 500 \| measured \| read-mix-2026-12-06T10-10-00\.json \|/,
    );
    expect(markdown).toMatch(/\| API core-seconds per 100 MB upload \| [\d.]+ \| assumed \|/);
    expect(markdown).toMatch(/\*\*First to saturate: .+\*\*/);
    expect(markdown).toMatch(/\| \*\*total\*\* \| \*\*\$[\d,]+\*\* \|/);
  });
});

describe('leaving a run out', () => {
  it('counts the load before the run and the load of others during it, not its own', () => {
    const load = { before: 0.4, duringMean: 3.8, duringMax: 4.2, othersMean: 0.5, othersMax: 2 };
    expect(leftOutBecause(load, 2)).toBeNull();
    expect(leftOutBecause({ ...load, before: 2.5 }, 2)).toBe('load average before the run 2.5 > 2 cores');
    expect(leftOutBecause({ ...load, othersMean: null, before: null }, 2)).toMatch(/during the run 3.8 > 2 cores/);
  });
});
