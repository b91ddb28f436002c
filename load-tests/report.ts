/**
 * One command for the capacity report: runs every scenario (each its own process, one after the
 * other, waiting for a quiet machine before each), then writes docs/capacity/report.md and its
 * charts from the JSON results alone.
 *
 *   npm run load:report                         # every scenario, full length (~25 min on 2 cores)
 *   npm run load:report -- --quick              # a smoke of a few minutes, into .tmp/load-report/
 *   npm run load:report -- --only s1,read-mix   # some scenarios (ids in report/scenarios.ts)
 *   npm run load:report -- --render-only        # no measuring: rewrite the report from results/
 *   npm run load:report -- --no-wait            # start each scenario at once, whatever the load
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@anb/testing/stack';
import { ASSUMPTIONS } from './report/assumptions.ts';
import { readDeployment } from './report/deployment.ts';
import { machineHeader } from './report/machine.ts';
import { writeReport } from './report/render-report.ts';
import { runScenarios, writeRunRecord } from './report/run-scenarios.ts';
import { SCENARIOS } from './report/scenarios.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'render-only': { type: 'boolean', default: false },
    'no-wait': { type: 'boolean', default: false },
  },
});

const profile = args.quick ? 'quick' : 'full';
// A smoke never overwrites the committed report or its results.
const outDir = args.quick ? path.join(repoRoot, '.tmp/load-report') : path.join(repoRoot, 'docs/capacity');
const paths = {
  resultsDir: path.join(outDir, 'results'),
  benchFile: path.join(repoRoot, 'docs/capacity/worker-bench.json'),
  reportFile: path.join(outDir, 'report.md'),
  chartsDir: path.join(outDir, 'charts'),
};

let failed = 0;
if (!args['render-only']) {
  const only = args.only?.split(',').map((id) => id.trim());
  const unknown = only?.filter((id) => !SCENARIOS.some((s) => s.id === id)) ?? [];
  if (unknown.length) {
    console.error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
    process.exit(2);
  }
  const header = machineHeader(repoRoot, profile);
  const outcomes = await runScenarios(
    SCENARIOS.filter((s) => !only || only.includes(s.id)),
    {
      repoRoot,
      profile,
      resultsDir: paths.resultsDir,
      benchFile: paths.benchFile,
      quietWaitSeconds: args['no-wait'] ? 0 : args.quick ? 60 : 180,
      timeoutMinutes: 20,
    },
  );
  writeRunRecord(paths.resultsDir, header, outcomes);
  failed = outcomes.filter((o) => o.exitCode !== 0).length;
}

const report = await writeReport(paths, readDeployment(path.join(repoRoot, 'infra/cdk.json')), ASSUMPTIONS);
console.log(
  `wrote ${path.relative(repoRoot, paths.reportFile)} and ${report.charts.length} charts; ` +
    `${report.leftOut.length} runs left out for the machine's load` +
    (failed ? `; ${failed} scenarios failed` : ''),
);
process.exitCode = failed ? 1 : 0;
