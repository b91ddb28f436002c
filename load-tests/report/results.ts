import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Json, LoadFigures, RunRecord } from './types.ts';

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Every `load1` window mean in an older result: the only load it recorded while it ran. */
function windowLoads(value: Json, found: number[] = []): number[] {
  if (Array.isArray(value)) for (const item of value) windowLoads(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'load1' && typeof inner === 'number') found.push(inner);
      else windowLoads(inner, found);
    }
  }
  return found;
}

export function loadFigures(data: Json): LoadFigures {
  const during = data.loadDuring;
  if (during && typeof during.load1Mean === 'number') {
    return {
      before: typeof data.loadAverageBefore?.[0] === 'number' ? data.loadAverageBefore[0] : null,
      duringMean: during.load1Mean,
      duringMax: during.load1Max,
      othersMean: typeof during.othersRunnableMean === 'number' ? during.othersRunnableMean : null,
      othersMax: typeof during.othersRunnableMax === 'number' ? during.othersRunnableMax : null,
    };
  }
  const loads = windowLoads(data);
  return {
    before: null,
    duringMean: loads.length ? round2(loads.reduce((a, b) => a + b, 0) / loads.length) : null,
    duringMax: loads.length ? round2(Math.max(...loads)) : null,
    othersMean: null,
    othersMax: null,
  };
}

/**
 * Why a run cannot speak for the system, or null. The issue's rule is "load average above the core
 * count". A run that saturates the machine pushes the load average past it on its own, so the rule
 * is applied to the load that is not the run's: before it started, and others' runnable threads
 * while it ran. Older results recorded neither; for them the whole load average during the run
 * decides, which can only leave out too much.
 */
export function leftOutBecause(load: LoadFigures, cores: number): string | null {
  if (load.before !== null && load.before > cores) {
    return `load average before the run ${load.before} > ${cores} cores`;
  }
  if (load.othersMean !== null) {
    return load.othersMean > cores ? `others' load during the run ${load.othersMean} > ${cores} cores` : null;
  }
  if (load.duringMean === null) return 'no load average recorded';
  return load.duringMean > cores
    ? `load average during the run ${load.duringMean} > ${cores} cores (older result: its own load not told apart)`
    : null;
}

const coresOf = (data: Json) => Number(data.cores ?? data.host?.cpus ?? data.machine?.cpus ?? data.machine?.cores ?? 0);

/** `defaultCores`: for results that lost the machine's description (older ones whose own `machine` replaced it). */
export function toRunRecord(file: string, data: Json, defaultCores = 1): RunRecord {
  const cores = coresOf(data) || defaultCores;
  const load = loadFigures(data);
  return {
    file,
    name: String(data.name ?? file.replace(/-\d{4}-\d{2}-\d{2}T.*$/, '')),
    finishedAt: String(data.finishedAt ?? data.generatedAt ?? ''),
    commit: typeof data.commit === 'string' ? data.commit : null,
    treeDirty: typeof data.treeDirty === 'boolean' ? data.treeDirty : null,
    profile: String(data.profile ?? 'manual'),
    cores,
    load,
    leftOutBecause: leftOutBecause(load, cores),
    data,
  };
}

/** Every result in `dir`, oldest first (the file names end with their time stamp). */
export function readResults(dir: string): RunRecord[] {
  if (!existsSync(dir)) return [];
  const raw = readdirSync(dir)
    .filter((file) => file.endsWith('.json') && !file.startsWith('report-run-'))
    .map((file) => ({
      file,
      stamp: file.slice(-24),
      data: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Json,
    }))
    .sort((a, b) => a.stamp.localeCompare(b.stamp) || a.file.localeCompare(b.file));
  const known = Math.max(1, ...raw.map(({ data }) => coresOf(data) || 0));
  return raw.map(({ file, data }) => toRunRecord(file, data, known));
}

/** The newest run of each result name that is not left out. */
export function newestIncluded(runs: RunRecord[], name: string): RunRecord | undefined {
  return runs.filter((run) => run.name === name && run.leftOutBecause === null).at(-1);
}
