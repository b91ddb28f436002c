import type { ChartSpec, Series } from './charts.ts';
import { runLine, table } from './markdown.ts';
import { benchFigures } from './worker-bench.ts';
import type { Json, RunRecord } from './types.ts';

export interface Section {
  markdown: string[];
  charts: ChartSpec[];
}

type SectionRenderer = (run: RunRecord) => Section;

const kpi = (k: Json) => (k ? `${k.kpi} = ${k.value}` : 'none');
const pct = (value: unknown) => (typeof value === 'number' ? `${value} %` : null);
/** Runs before the probe counted collections have no figure. */
const gcFigure = (server: Json) =>
  typeof server?.fullGcsPerS === 'number' ? `${server.fullGcsPerS} (${server.gcPauseMsPerS})` : null;

const scenario1: SectionRenderer = (run) => {
  const steps: Json[] = run.data.steps ?? [];
  const rows = steps.map((s) => [
    `${s.mode}${s.rate ? ` ${s.rate}/s` : ''}, think ${s.thinkMs} ms`,
    s.users,
    s.hold.latencyMs.p50,
    s.hold.latencyMs.p95,
    s.hold.latencyMs.p99,
    s.hold.rps,
    s.hold.errorPct,
    pct(s.serverHold?.apiCpuPct),
    pct(s.machineHold?.generatorCpuPct),
    pct(s.machineHold?.systemCpuPct),
    gcFigure(s.serverHold),
    kpi(s.firstKpiToDegrade),
  ]);
  const latency: Series[] = [];
  const throughput: Series[] = [];
  for (const s of steps) {
    const buckets: Json[] = (s.buckets ?? []).filter((b: Json) => b.requests > 0);
    latency.push({
      name: `X=${s.users} p95`,
      points: buckets.map((b) => [b.secondsFromStart, b.latencyMs.p95 / 1000]),
    });
    throughput.push({ name: `X=${s.users}`, points: buckets.map((b) => [b.secondsFromStart, b.rps]) });
  }
  return {
    markdown: [
      `${run.data.size} uploads, ramp ${steps[0]?.rampSeconds ?? '?'} s then hold ${steps[0]?.holdSeconds ?? '?'} s; figures over the hold.`,
      '',
      ...table(
        [
          'model',
          'users',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'uploads/s',
          'errors %',
          'API CPU (1 core = 100 %)',
          'generator CPU',
          'machine CPU',
          'API full GCs/s (loop paused ms/s)',
          'first KPI to degrade',
        ],
        rows,
      ),
    ],
    charts: [
      {
        file: 's1-latency.png',
        title: `Scenario 1, ${run.data.size}: p95 over time`,
        xLabel: 'seconds',
        yLabel: 'p95 (s)',
        series: latency,
        hline: 1,
      },
      {
        file: 's1-throughput.png',
        title: `Scenario 1, ${run.data.size}: uploads/s over time`,
        xLabel: 'seconds',
        yLabel: 'uploads/s',
        series: throughput,
      },
    ],
  };
};

const readMix: SectionRenderer = (run) => {
  const phases: Json[] = run.data.phases ?? [];
  const capacity: Json[] = run.data.voteCapacity ?? [];
  return {
    markdown: [
      `${run.data.readers} readers (autocannon, closed loop) while ${run.data.voteRate} votes/s arrive (open model), ${phases[0]?.seconds ?? '?'} s a phase.`,
      '',
      ...table(
        [
          'phase',
          'rankings p95 ms',
          'rankings req/s',
          'listing p95 ms',
          'listing req/s',
          'votes counted/s (offered)',
          'vote p95 ms',
          'vote statuses',
          'API CPU',
          'generator CPU',
        ],
        phases.map((p) => [
          p.phase,
          p.rankings.latencyMs.p95,
          p.rankings.rps,
          p.listing.latencyMs.p95,
          p.listing.rps,
          `${p.votes.countedPerSecond} (${p.votes.offeredPerSecond})`,
          p.votes.latencyMs.p95,
          JSON.stringify(p.votes.byStatus),
          pct(p.server?.apiCpuPct),
          pct(p.machine?.generatorCpuPct),
        ]),
      ),
      '',
      `Vote capacity alone (closed loop): one hot video takes **${run.data.hotShareOfSpreadPct} %** of the spread rate.`,
      '',
      ...table(
        ['votes', 'votes/s', 'p95 ms', 'non-2xx', 'API CPU', 'machine CPU'],
        capacity.map((c) => [
          c.mode,
          c.votesPerSecond,
          c.latencyMs.p95,
          c.non2xx,
          pct(c.server?.apiCpuPct),
          pct(c.machine?.systemCpuPct),
        ]),
      ),
    ],
    charts: [],
  };
};

const login: SectionRenderer = (run) => {
  const d = run.data;
  return {
    markdown: table(
      ['bcrypt cost', 'raw compares/s (before, after)', 'logins/s', 'login / raw', 'login p99 ms', 'non-2xx'],
      [
        [
          d.cost,
          `${d.rawBcrypt?.before}, ${d.rawBcrypt?.after}`,
          d.login?.perSecond,
          pct(d.loginVsRawBcryptPct),
          d.login?.latencyMs?.p99,
          d.login?.non2xx,
        ],
      ],
    ),
    charts: [],
  };
};

const memory: SectionRenderer = (run) => {
  const d = run.data;
  return {
    markdown: table(
      ['uploads × rounds', 'file MiB', 'statuses', 'idle RSS MB', 'peak RSS MB', 'limit MB', 'p95 ms', 'API CPU'],
      [
        [
          `${d.uploads} × ${d.rounds}`,
          Math.round((d.fileBytes ?? 0) / 1048576),
          JSON.stringify(d.statuses),
          d.idleRssMb,
          d.peakRssMb,
          d.limitMb,
          d.latencyMs?.p95,
          pct(d.machine?.apiCpuPct),
        ],
      ],
    ),
    charts: [
      {
        file: 'memory-rss.png',
        title: 'API RSS during concurrent 100 MB uploads',
        xLabel: 'seconds',
        yLabel: 'RSS (MB)',
        series: [{ name: 'API RSS', points: (d.rss ?? []).map((p: Json) => [p.s, p.mb]) }],
        hline: d.limitMb ?? 300,
      },
    ],
  };
};

const resumable: SectionRenderer = (run) => {
  const d = run.data;
  return {
    markdown: table(
      [
        'uploads × rounds',
        'statuses',
        'completion p50 / p95 ms',
        'resumed from % (p50)',
        're-sent bytes p95',
        'idle / peak RSS MB',
      ],
      [
        [
          `${d.uploads} × ${d.rounds}`,
          JSON.stringify(d.statuses),
          `${d.completionMs?.p50} / ${d.completionMs?.p95}`,
          d.resumedFromPercent?.p50,
          d.resentBytesAfterCut?.p95,
          `${d.idleRssMb} / ${d.peakRssMb}`,
        ],
      ],
    ),
    charts: [],
  };
};

const share: SectionRenderer = (run) => {
  const d = run.data;
  return {
    markdown: table(
      ['visitors', 'seconds', 'page p50 / p95 ms', 'page statuses', 'API read p95 ms', 'API CPU'],
      [
        [
          d.visitors,
          d.seconds,
          `${d.page?.latencyMs?.p50} / ${d.page?.latencyMs?.p95}`,
          JSON.stringify(d.page?.statuses),
          d.apiRead?.latencyMs?.p95,
          pct(d.server?.apiCpuPct),
        ],
      ],
    ),
    charts: [],
  };
};

const scenario2: SectionRenderer = (run) => {
  const runs: Json[] = run.data.runs ?? [];
  return {
    markdown: [
      `Messages queued straight into the queue for stored originals; x264 preset \`${run.data.preset}\`.`,
      '',
      ...table(
        [
          'input',
          'jobs at once',
          'videos',
          'videos/min',
          'mean service s',
          'p95 service s',
          'drained in s',
          'failures',
          'machine CPU',
        ],
        runs.map((r) => [
          r.size,
          r.concurrency,
          r.videos,
          r.videosPerMinute,
          r.meanServiceSeconds,
          r.serviceSeconds?.p95,
          r.elapsedSeconds,
          r.failures?.length,
          pct(r.machine?.systemCpuPct),
        ]),
      ),
    ],
    charts: [
      {
        file: 's2-drain.png',
        title: 'Scenario 2: queue drain',
        xLabel: 'seconds',
        yLabel: 'videos not yet done',
        series: runs.map((r) => ({
          name: `${r.size} × ${r.concurrency}`,
          points: (r.drain ?? []).map((p: Json) => [p.s, p.queued]),
        })),
      },
    ],
  };
};

const workerBench: SectionRenderer = (run) => {
  const bench = run.data.bench;
  const b = benchFigures(bench);
  const markdown = [
    `\`${bench?.command ?? 'npm run bench:worker'}\`. The bench's own page, [worker-bench.md](worker-bench.md), ` +
      'describes its method and its latest written run.',
    '',
    ...table(
      ['run', 'videos/min (median)', 'share of the floor (median)'],
      [
        ['floor: one bare ffmpeg, every core', b.floorVideosPerMinute, '100 %'],
        ...b.shares.map((s) => [
          `ours, ${s.concurrency} at a time${s.isDefault ? ' (the default)' : ''}`,
          s.videosPerMinute,
          pct(s.sharePct),
        ]),
      ],
    ),
    '',
    b.endToEnd.length
      ? `End to end (upload to published): ${b.endToEnd.map(([key, value]) => `\`${key}\` = ${value}`).join(', ')}.`
      : 'End to end (upload to published, storage and database included): **not measured** by this bench result; the shares above are `renderShowcase` alone.',
  ];
  return { markdown, charts: [] };
};

export const SECTION_RENDERERS: Record<string, SectionRenderer> = {
  s1: scenario1,
  'read-mix': readMix,
  login,
  memory,
  resumable,
  share,
  s2: scenario2,
  'worker-bench': workerBench,
};

export function renderSection(id: string, title: string, run: RunRecord | undefined): Section {
  const head = [`## ${title}`, ''];
  if (!run) return { markdown: [...head, 'No included run: not measured.', ''], charts: [] };
  const body = SECTION_RENDERERS[id]?.(run) ?? { markdown: [], charts: [] };
  const charts = body.charts.filter((chart) => chart.series.some((s) => s.points.length > 0));
  return {
    markdown: [
      ...head,
      runLine(run),
      '',
      ...body.markdown,
      '',
      ...charts.map((c) => `![${c.title}](charts/${c.file})`),
      '',
    ],
    charts,
  };
}
