import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { Assumptions } from './assumptions.ts';
import { capacityModel } from './capacity-model.ts';
import { chartPng, type ChartSpec } from './charts.ts';
import type { Deployment } from './deployment.ts';
import { table } from './markdown.ts';
import { PER_CORE_LABELS, perCoreFigures } from './per-core-figures.ts';
import { newestIncluded, readResults } from './results.ts';
import { SCENARIOS } from './scenarios.ts';
import { renderSection } from './sections.ts';
import { judgeTargets, type SelectedRuns } from './targets.ts';
import type { MachineHeader, RunRecord } from './types.ts';
import { benchRun } from './worker-bench.ts';

export interface ReportInput {
  /** The runner's record of the machine, or null (rendered from the runs' own fields). */
  header: MachineHeader | null;
  runs: RunRecord[];
  /** The bench's own result file (docs/capacity/worker-bench.json), used when results/ has no snapshot of it. */
  benchFile: string;
  deployment: Deployment | null;
  assumptions: Assumptions;
}

export interface Report {
  markdown: string;
  charts: ChartSpec[];
  selected: SelectedRuns;
  leftOut: RunRecord[];
}

const usd = (value: number) => `$${Math.round(value).toLocaleString('en-US')}`;

function headerLines(header: MachineHeader | null, selected: SelectedRuns): string[] {
  if (header) {
    return table(
      ['', ''],
      [
        ['date', header.date.slice(0, 16).replace('T', ' ') + ' UTC'],
        ['commit', `\`${header.commit}\`${header.treeDirty ? ' (uncommitted changes in the tree)' : ' (clean tree)'}`],
        ['machine', `${header.cores} cores (${header.cpuModel}), ${header.memoryGb} GB RAM`],
        ['Node.js', header.node],
        ['ffmpeg', header.ffmpeg],
        ['PostgreSQL', `${header.postgres} (embedded)`],
        [
          'runs',
          `${header.profile === 'quick' ? '`--quick`: shortened smoke runs, not for judging' : 'full length'}; ` +
            `this invocation ran ${header.ran?.length ? header.ran.join(', ') : 'nothing'}, each section names its own run`,
        ],
        ...(header.failed?.length
          ? [['failed', `${header.failed.join(', ')}: the section shows an earlier run, if any`]]
          : []),
      ],
    );
  }
  const described = Object.values(selected).find((run) => run?.data.host?.cpuModel ?? run?.data.machine?.cpuModel);
  const m = described?.data.host ?? described?.data.machine;
  return [
    'The runner recorded no header for these results; from the newest included run:',
    '',
    ...table(
      ['', ''],
      [
        ['machine', m ? `${m.cpus ?? m.cores} cores (${m.cpuModel}), ${m.memoryGb ?? '?'} GB RAM` : 'not recorded'],
        ['Node.js', m?.node ?? 'not recorded'],
        ['ffmpeg', m?.ffmpeg?.replace(/ Copyright.*$/, '') ?? 'not recorded'],
        ['PostgreSQL', 'not recorded'],
      ],
    ),
  ];
}

/** The traffic and runtime assumptions as rows (prices stay in assumptions.ts and show in the costs). */
function assumptionRows(a: Assumptions): string[][] {
  const rows: string[][] = [];
  for (const group of ['event', 'perVoter', 'runtime'] as const) {
    for (const [key, value] of Object.entries(a[group])) rows.push([`${group}.${key}`, String(value)]);
  }
  rows.push(['uploads.sizeMix', a.uploads.sizeMix.map((s) => `${s.share * 100} % × ${s.mb} MB`).join(', ')]);
  return rows;
}

/** What the database says once every service runs at the size the peak needs. */
function nextLimit(
  c: { connections: number; configuredMax: number | null; apiTasks: number; workerTasks: number },
  instanceType: string,
): string {
  if (c.configuredMax === null) return '';
  const share = Math.round((100 * c.connections) / c.configuredMax);
  return (
    `At the size the peak needs (${c.apiTasks} API and ${c.workerTasks} worker tasks) the services hold ${c.connections} ` +
    `database connections, ${share} % of the ≈ ${c.configuredMax} that ${instanceType} allows` +
    (share >= 90 ? ': the connections are the next limit, which the RDS class above (or smaller pools) lifts.' : '.')
  );
}

function capacityLines(selected: SelectedRuns, input: ReportInput): string[] {
  const lines = ['## Capacity model: a national final', ''];
  if (!input.deployment) return [...lines, 'infra/cdk.json has no production environment to size: not computed.', ''];
  const figures = perCoreFigures(selected);
  const model = capacityModel(figures, input.deployment, input.assumptions);
  const e = input.assumptions.event;
  const [first] = model.saturation;
  lines.push(
    `${e.votersOnFinalDay.toLocaleString('en-US')} voters in one day, ${e.uploadsInLastWeek.toLocaleString('en-US')} uploads in the last week, ` +
      `the peak hour carrying ${e.peakHourShare * 100} % of a day's traffic, on the deployment of ${input.deployment.source}. ` +
      'Computed by `load-tests/report/capacity-model.ts` from the per-core figures below; every assumption is in ' +
      '`load-tests/report/assumptions.ts`. **measured**: from an included run here; **assumed**: from that file or ' +
      `infra/cdk.json; **computed**: from both. Prices: AWS us-east-1 list prices, ${input.assumptions.pricesAsOf}.`,
    '',
    '### Per-core figures (core-seconds of this machine)',
    '',
    ...table(
      ['figure', 'value', 'basis', 'from'],
      Object.entries(figures).map(([name, f]) => [
        PER_CORE_LABELS[name as keyof typeof PER_CORE_LABELS],
        f.value >= 10 ? Math.round(f.value * 10) / 10 : Number(f.value.toPrecision(2)),
        f.basis,
        f.from,
      ]),
    ),
    '',
    '### Assumed',
    '',
    ...table(['assumption', 'value'], assumptionRows(input.assumptions)),
    '',
    '### Peak hour',
    '',
    ...table(
      ['rate', 'value', 'basis'],
      model.peak.map((r) => [r.what, r.value, r.basis]),
    ),
    '',
    '### What it takes',
    '',
    ...table(
      ['figure', 'value', 'basis'],
      model.sizing.map((r) => [r.what, r.value, r.basis]),
    ),
    '',
    '### Requests and data in the month of the final',
    '',
    ...table(
      ['figure', 'value', 'basis'],
      model.requests.map((r) => [r.what, r.value, r.basis]),
    ),
    '',
    '### Monthly cost',
    '',
    ...table(
      ['component', 'USD a month', 'basis'],
      [
        ...model.cost.map((c) => [c.component, usd(c.monthlyUsd), c.basis]),
        ['**total**', `**${usd(model.totalMonthlyUsd)}**`, 'computed'],
      ],
    ),
    '',
    '### What saturates first',
    '',
    ...table(
      ['component', 'peak demand / configured maximum', 'what scales it'],
      model.saturation.map((s) => [
        s.component,
        Number.isFinite(s.utilisation) ? `${Math.round(s.utilisation * 100)} %` : 'unknown',
        s.scales,
      ]),
    ),
    '',
    first
      ? `**First to saturate: ${first.component}**, at ${Math.round(first.utilisation * 100)} % of what its configured maximum gives in the peak hour; ${first.scales}.`
      : '',
    '',
    nextLimit(model.connectionsAtPeakSize, input.deployment.database.instanceType),
    '',
  );
  return lines;
}

/** One line per run that recorded its load apart from others'; older results one line per scenario. */
function leftOutLines(leftOut: RunRecord[]): string[] {
  const tracked = leftOut.filter((run) => run.load.othersMean !== null || run.load.before !== null);
  const older = new Map<string, RunRecord[]>();
  for (const run of leftOut.filter((r) => !tracked.includes(r)))
    older.set(run.name, [...(older.get(run.name) ?? []), run]);
  const lines = tracked.map((run) => `- \`${run.file}\`: ${run.leftOutBecause}`);
  for (const [name, runs] of older) {
    const loads = runs.map((run) => run.load.duringMean ?? 0);
    const dates = [...new Set(runs.map((run) => run.finishedAt.slice(0, 10)))].join(', ');
    lines.push(
      `- ${runs.length} older \`${name}\` result${runs.length > 1 ? 's' : ''} (${dates}): load average during ` +
        `${Math.min(...loads) === Math.max(...loads) ? loads[0] : `${Math.min(...loads)}–${Math.max(...loads)}`} ` +
        `on ${runs[0]?.cores} cores, its own load not told apart`,
    );
  }
  return lines;
}

/** The whole report from results already measured: no measuring, no clock but the runs'. */
export function buildReport(input: ReportInput): Report {
  const selected: SelectedRuns = {};
  for (const scenario of SCENARIOS) {
    selected[scenario.id] =
      scenario.id === 'worker-bench'
        ? benchRun(newestIncluded(input.runs, scenario.resultName), input.benchFile)
        : newestIncluded(input.runs, scenario.resultName);
  }
  const bench = selected['worker-bench'];
  const leftOut = input.runs.filter((run) => run.leftOutBecause !== null);
  if (bench?.leftOutBecause) {
    leftOut.push(bench);
    selected['worker-bench'] = undefined;
  }

  const md: string[] = [
    '# Capacity report: ANB Rising Stars Showcase',
    '',
    '> Generated by `npm run load:report` (measure, then write) or `npm run load:report -- --render-only` (write',
    '> from the results already in `docs/capacity/results/`). Do not edit by hand. Each section comes from one run,',
    "> named with its commit and the machine's load; a run the machine's load disturbed is left out and listed at",
    '> the end. Older, overloaded history: [history.md](history.md).',
    '',
    ...headerLines(input.header, selected),
    '',
    '## Targets',
    '',
    ...table(
      ['target', 'figure', 'verdict', 'run'],
      judgeTargets(selected).map((t) => [
        t.target,
        t.figure,
        t.verdict === 'met' || t.verdict === 'missed' ? `**${t.verdict}**` : t.verdict,
        t.run,
      ]),
    ),
    '',
  ];
  const charts: ChartSpec[] = [];
  for (const scenario of SCENARIOS) {
    const section = renderSection(scenario.id, scenario.title, selected[scenario.id]);
    md.push(...section.markdown);
    charts.push(...section.charts);
  }
  md.push(...capacityLines(selected, input));
  md.push('## Left out', '');
  if (leftOut.length === 0) md.push('No run was left out.', '');
  else {
    md.push(
      "A run is left out when the 1-minute load average before it, or the load of others' processes during it, exceeded",
      'the core count (a run that saturates the machine exceeds it on its own, so its own threads are not counted).',
      'Results older than that split are judged by the whole load average during them.',
      '',
      ...leftOutLines(leftOut),
      '',
    );
  }
  return { markdown: md.join('\n'), charts, selected, leftOut };
}

/** The newest header the runner wrote into the results folder, or null. */
export function readHeader(resultsDir: string): MachineHeader | null {
  if (!existsSync(resultsDir)) return null;
  const newest = readdirSync(resultsDir)
    .filter((file) => file.startsWith('report-run-') && file.endsWith('.json'))
    .sort()
    .at(-1);
  if (!newest) return null;
  const record = JSON.parse(readFileSync(path.join(resultsDir, newest), 'utf8')) as {
    header: MachineHeader;
    outcomes?: { id: string; exitCode: number | null }[];
  };
  const failed = (record.outcomes ?? []).filter((o) => o.exitCode !== 0).map((o) => `${o.id} (exit ${o.exitCode})`);
  return { ...record.header, failed, ran: (record.outcomes ?? []).map((o) => o.id) };
}

export interface ReportPaths {
  resultsDir: string;
  benchFile: string;
  reportFile: string;
  chartsDir: string;
}

/** Reads the results, writes the report and its charts (old charts go: each belongs to one run). */
export async function writeReport(
  paths: ReportPaths,
  deployment: Deployment | null,
  assumptions: Assumptions,
): Promise<Report> {
  const report = buildReport({
    header: readHeader(paths.resultsDir),
    runs: readResults(paths.resultsDir),
    benchFile: paths.benchFile,
    deployment,
    assumptions,
  });
  mkdirSync(paths.chartsDir, { recursive: true });
  for (const file of readdirSync(paths.chartsDir)) if (file.endsWith('.png')) rmSync(path.join(paths.chartsDir, file));
  for (const chart of report.charts) writeFileSync(path.join(paths.chartsDir, chart.file), chartPng(chart));
  // Formatted as the repository formats Markdown, so a render of the same results changes nothing.
  const options = (await resolveConfig(paths.reportFile)) ?? {};
  writeFileSync(paths.reportFile, await format(report.markdown, { ...options, filepath: paths.reportFile }));
  return report;
}
