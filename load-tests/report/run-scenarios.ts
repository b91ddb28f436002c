import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { LoadTracker } from '../lib/load-tracker.ts';
import { gitState } from '../lib/run-conditions.ts';
import type { ScenarioSpec } from './scenarios.ts';
import type { MachineHeader } from './types.ts';

export interface RunnerOptions {
  repoRoot: string;
  profile: 'full' | 'quick';
  resultsDir: string;
  benchFile: string;
  /** Longest wait for the load average to fall to the core count before a scenario (seconds). */
  quietWaitSeconds: number;
  /** A scenario still running after this long is stopped (minutes). */
  timeoutMinutes: number;
}

export interface ScenarioOutcome {
  id: string;
  command: string;
  exitCode: number | null;
  seconds: number;
  files: string[];
  waitedSeconds: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);

/** Waits until the 1-minute load average is at most the core count (the previous run's load decays meanwhile). */
async function waitForQuiet(maxSeconds: number): Promise<number> {
  const started = Date.now();
  const cores = cpus().length;
  while ((loadavg()[0] ?? 0) > cores && Date.now() - started < maxSeconds * 1000) await sleep(5000);
  return Math.round((Date.now() - started) / 1000);
}

let current: ChildProcess | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // The child leads its own process group: stop it with everything it started (API, PostgreSQL, ffmpeg).
    if (current?.pid) process.kill(-current.pid, 'SIGTERM');
    process.exit(130);
  });
}

function runChild(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMinutes: number) {
  return new Promise<number | null>((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit', detached: true });
    current = child;
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGTERM'), timeoutMinutes * 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      current = undefined;
      resolve(code);
    });
    child.on('error', () => resolve(null));
  });
}

const listJson = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.json')) : []);

/**
 * Runs each scenario as its own process (`npm run <script> -- <args>`), one after the other, and
 * returns what each wrote. The load scripts record their own commit and load; the worker bench
 * writes its own file, so it is copied into the results folder with the load this runner tracked.
 */
export async function runScenarios(
  scenarios: readonly ScenarioSpec[],
  options: RunnerOptions,
): Promise<ScenarioOutcome[]> {
  mkdirSync(options.resultsDir, { recursive: true });
  const outcomes: ScenarioOutcome[] = [];
  for (const scenario of scenarios) {
    const args = options.profile === 'quick' ? scenario.quick : scenario.full;
    if (!args) continue;
    const waitedSeconds = await waitForQuiet(options.quietWaitSeconds);
    const command = `npm run ${scenario.script} -- ${args.join(' ')}`;
    console.log(`\n==> ${scenario.id}: ${command}`);
    const before = new Set(listJson(options.resultsDir));
    const benchMtime = existsSync(options.benchFile) ? statSync(options.benchFile).mtimeMs : 0;
    const tracker = new LoadTracker(process.pid).start();
    const started = Date.now();
    const exitCode = await runChild(
      'npm',
      ['run', '--silent', scenario.script, '--', ...args],
      { ...process.env, LOAD_REPORT_PROFILE: options.profile, LOAD_RESULTS_DIR: options.resultsDir },
      options.repoRoot,
      options.timeoutMinutes,
    );
    const loadDuring = tracker.stop();
    const files = listJson(options.resultsDir).filter((file) => !before.has(file));
    if (
      scenario.id === 'worker-bench' &&
      exitCode === 0 &&
      existsSync(options.benchFile) &&
      statSync(options.benchFile).mtimeMs > benchMtime
    ) {
      const bench = JSON.parse(readFileSync(options.benchFile, 'utf8'));
      const file = `worker-bench-${stamp()}.json`;
      const snapshot = {
        name: 'worker-bench',
        finishedAt: new Date().toISOString(),
        ...gitState(options.repoRoot),
        cores: cpus().length,
        loadAverageBefore: tracker.loadBefore,
        loadDuring,
        profile: options.profile,
        command,
        bench,
      };
      writeFileSync(path.join(options.resultsDir, file), `${JSON.stringify(snapshot, null, 2)}\n`);
      files.push(file);
    }
    const outcome = {
      id: scenario.id,
      command,
      exitCode,
      seconds: Math.round((Date.now() - started) / 1000),
      files,
      waitedSeconds,
    };
    outcomes.push(outcome);
    console.log(`<== ${scenario.id}: exit ${exitCode}, ${outcome.seconds} s, wrote ${files.join(', ') || 'nothing'}`);
  }
  return outcomes;
}

/** Records the machine and what each scenario did, beside the results; the report's header comes from it. */
export function writeRunRecord(resultsDir: string, header: MachineHeader, outcomes: ScenarioOutcome[]): string {
  const file = path.join(resultsDir, `report-run-${stamp()}.json`);
  writeFileSync(file, `${JSON.stringify({ header, outcomes }, null, 2)}\n`);
  return file;
}
