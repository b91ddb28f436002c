import type { RunRecord } from './types.ts';

export function table(head: string[], rows: (string | number | null | undefined)[][]): string[] {
  const cell = (value: string | number | null | undefined) =>
    value === null || value === undefined || value === '' ? '–' : String(value).replace(/\|/g, '\\|');
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

const orUnknown = (value: number | null) => (value === null ? 'not recorded' : String(value));

/** The line under each section's title: which run, which commit, and the machine's load. */
export function runLine(run: RunRecord): string {
  const commit = run.commit
    ? `commit \`${run.commit}\`${run.treeDirty ? ' (uncommitted changes in the tree)' : ''}`
    : 'commit not recorded';
  const others =
    run.load.othersMean === null
      ? ''
      : `; others' runnable threads mean ${run.load.othersMean}, max ${run.load.othersMax}`;
  return (
    `Run [\`${run.file}\`](results/${run.file}), finished ${run.finishedAt.slice(0, 16).replace('T', ' ')} UTC, ${commit}` +
    `${run.profile === 'quick' ? ', **a quick smoke run (shortened)**' : ''}. ` +
    `${run.cores} cores; 1-minute load average before ${orUnknown(run.load.before)}, ` +
    `during mean ${orUnknown(run.load.duringMean)}, max ${orUnknown(run.load.duringMax)}${others}.`
  );
}
