import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { LoadTracker, type LoadDuring } from './load-tracker.ts';

/** The commit a run measured, and whether the work tree held uncommitted changes. */
export function gitState(cwd: string): { commit: string; treeDirty: boolean } {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
    return { commit: git('rev-parse', '--short', 'HEAD'), treeDirty: git('status', '--porcelain').length > 0 };
  } catch {
    return { commit: 'unknown', treeDirty: false };
  }
}

export interface RunConditions {
  commit: string;
  treeDirty: boolean;
  cores: number;
  /** 1-, 5- and 15-minute load averages when the script started, before it started anything. */
  loadAverageBefore: number[];
  loadDuring: LoadDuring;
  /** `full` or `quick` when `npm run load:report` ran it; `manual` otherwise. */
  profile: string;
}

// Started when the harness is loaded, so "before" is taken before the stack starts and "during"
// covers the whole run, its stack and seeding included.
const tracker = new LoadTracker(process.pid).start();

export function runConditions(cwd: string): RunConditions {
  return {
    ...gitState(cwd),
    cores: cpus().length,
    loadAverageBefore: tracker.loadBefore,
    loadDuring: tracker.stop(),
    profile: process.env.LOAD_REPORT_PROFILE ?? 'manual',
  };
}
