import { existsSync, readFileSync } from 'node:fs';
import { leftOutBecause } from './results.ts';
import type { Json, RunRecord } from './types.ts';

/**
 * The worker benchmark (`npm run bench:worker`, benchmarks/worker/) writes its own JSON, whose
 * shape its owners may change: everything here reads it defensively and says "not measured" for
 * what it cannot find.
 */

/** A bench result as a run record: the runner's snapshot in results/ when there is one, else the bench's own file. */
export function benchRun(snapshot: RunRecord | undefined, benchFile: string): RunRecord | undefined {
  if (snapshot) return snapshot;
  if (!existsSync(benchFile)) return undefined;
  const bench: Json = JSON.parse(readFileSync(benchFile, 'utf8'));
  const cores = Number(bench.machine?.cores ?? 0) || 1;
  const batchLoads: number[] = (bench.batches ?? [])
    .flatMap((batch: Json) => [batch.loadBefore?.[0], batch.loadAfter?.[0]])
    .filter((value: unknown): value is number => typeof value === 'number');
  const start = bench.machine?.loadAverages?.start?.[0];
  const load = {
    before: typeof start === 'number' ? start : null,
    duringMean: batchLoads.length
      ? Math.round((batchLoads.reduce((a, b) => a + b, 0) / batchLoads.length) * 100) / 100
      : null,
    duringMax: batchLoads.length ? Math.max(...batchLoads) : null,
    othersMean: null,
    othersMax: null,
  };
  return {
    file: 'worker-bench.json',
    name: 'worker-bench',
    finishedAt: String(bench.finishedAt ?? ''),
    commit: null,
    treeDirty: null,
    profile: 'manual',
    cores,
    load,
    leftOutBecause: leftOutBecause(load, cores),
    data: { bench },
  };
}

/** Every numeric figure under a key whose name holds "endToEnd", as `path = value`. */
export function endToEndFigures(value: Json, prefix = '', inside = false, found: [string, number][] = []) {
  if (Array.isArray(value)) value.forEach((item, i) => endToEndFigures(item, `${prefix}[${i}]`, inside, found));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      endToEndFigures(inner, prefix ? `${prefix}.${key}` : key, inside || /endtoend/i.test(key), found);
    }
  } else if (inside && typeof value === 'number') found.push([prefix, value]);
  return found;
}

export interface FloorShare {
  /** Share of the floor in percent. */
  pct: number;
  endToEnd: boolean;
  source: string;
}

const asPct = (value: number) => Math.round((value <= 2 ? value * 100 : value) * 10) / 10;

/** The product's share of the bare-ffmpeg floor: end to end when the bench measured it, else renderShowcase's. */
export function floorShare(bench: Json): FloorShare | null {
  // A single figure (not one of a list of rounds), the wall-time share first: videos per minute is what the target counts.
  const endToEnd = endToEndFigures(bench).filter(([key]) => /share/i.test(key) && !key.includes('['));
  const pick =
    endToEnd.find(([key]) => /wall/i.test(key)) ?? endToEnd.find(([key]) => /median/i.test(key)) ?? endToEnd[0];
  if (pick) return { pct: asPct(pick[1]), endToEnd: true, source: pick[0] };
  const shares: Json[] = Array.isArray(bench?.floorShares) ? bench.floorShares : [];
  const byDefault = shares.find((share) => share.isDefault) ?? shares.at(-1);
  if (byDefault && typeof byDefault.medianShare === 'number') {
    return {
      pct: asPct(byDefault.medianShare),
      endToEnd: false,
      source: `floorShares (concurrency ${byDefault.concurrency}).medianShare`,
    };
  }
  return null;
}

/** Figures the report and the capacity model take from the bench, each null when absent. */
export function benchFigures(bench: Json) {
  const ours = (bench?.summaries ?? []).find((summary: Json) => summary.pipeline === 'ours');
  const shares: Json[] = Array.isArray(bench?.floorShares) ? bench.floorShares : [];
  const atDefault = shares.find((share) => share.isDefault) ?? shares.at(-1);
  const num = (value: unknown) => (typeof value === 'number' ? value : null);
  return {
    floorVideosPerMinute: num(bench?.floor?.medianVideosPerMinute),
    floorCpuSecondsPerVideo: num(bench?.floor?.medianCpuSecondsPerVideo),
    oursVideosPerMinute: num(atDefault?.medianVideosPerMinute),
    oursCpuSecondsPerVideo: num(atDefault?.medianCpuSecondsPerVideo),
    defaultConcurrency: num(atDefault?.concurrency ?? bench?.settings?.defaultConcurrency),
    outputMb: num(ours?.meanOutputMB),
    naiveOverOurs: num(bench?.ratios?.naiveOverOurs?.throughputRatio),
    shares: shares.map((share) => ({
      concurrency: share.concurrency,
      isDefault: Boolean(share.isDefault),
      videosPerMinute: num(share.medianVideosPerMinute),
      sharePct: typeof share.medianShare === 'number' ? asPct(share.medianShare) : null,
    })),
    /** The end-to-end measure's own figures (not its rounds or breakdown). */
    endToEnd: endToEndFigures(bench).filter(([key]) => !key.includes('[') && key.split('.').length <= 2),
    endToEndCpuSecondsPerVideo:
      typeof bench?.endToEnd?.cpuSeconds === 'number' && bench.endToEnd.videos > 0
        ? bench.endToEnd.cpuSeconds / bench.endToEnd.videos
        : null,
  };
}
