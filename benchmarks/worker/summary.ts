import type { LoadAverages, Quality } from './measure.ts';
import { mean, median, round } from './measure.ts';

export type PipelineId = 'ours' | 'naive' | 'alt' | 'floor';

export interface PipelineDescription {
  id: PipelineId;
  label: string;
  preset: string;
  crf: number;
  description: string;
}

/** One job, timed alone: the worker runs one job at a time by default. */
export interface RunRecord {
  pipeline: PipelineId;
  video: number;
  sizeMB: number;
  inputBytes: number;
  wallSeconds: number;
  cpuSeconds: number | null;
  loadBefore: LoadAverages;
  loadAfter: LoadAverages;
  outputBytes: number;
  outputSeconds: number | null;
  /** Ours only: how clip and bumpers were joined. */
  method?: string;
  /** Ours only: wall seconds per stage (probe+validate, clip encode, join+checks, poster). */
  stages?: Record<string, number>;
}

/**
 * One timed batch of a throughput round: the same videos made by the floor (one bare ffmpeg
 * process at a time, every core) or by our pipeline `concurrency` jobs at a time, as a worker
 * with WORKER_CONCURRENCY=N runs them.
 */
export interface BatchRecord {
  round: number;
  pipeline: 'ours' | 'floor';
  concurrency: number;
  videos: number;
  /** From the first job's start to the last job's end. */
  wallSeconds: number;
  cpuSeconds: number | null;
  videosPerMinute: number;
  coresBusy: number | null;
  loadBefore: LoadAverages;
  loadAfter: LoadAverages;
}

/** Our throughput at one concurrency as a share of the floor timed in the same rounds. */
export interface FloorShare {
  concurrency: number;
  /** The concurrency the worker picks by default on this machine. */
  isDefault: boolean;
  medianVideosPerMinute: number;
  medianCpuSecondsPerVideo: number | null;
  /** Per round: ours videos/min ÷ floor videos/min of the same round. */
  shares: number[];
  medianShare: number;
  /**
   * Per round: floor CPU seconds per video ÷ ours. Unlike videos/min it does not depend on how
   * much of a shared machine the batch got, only on the work done per video.
   */
  cpuShares: number[];
  medianCpuShare: number | null;
  medianCoresBusy: number | null;
}

/**
 * Pairs every batch of ours with the floor batch of its round, so a slow minute on a shared
 * machine moves both figures of a ratio rather than one of them.
 */
export function floorShares(batches: readonly BatchRecord[], defaultConcurrency: number): FloorShare[] {
  const floorOf = new Map(
    batches.filter((batch) => batch.pipeline === 'floor').map((batch) => [batch.round, batch] as const),
  );
  const ours = batches.filter((batch) => batch.pipeline === 'ours');
  const concurrencies = [...new Set(ours.map((batch) => batch.concurrency))].sort((a, b) => a - b);
  return concurrencies.map((concurrency) => {
    const mine = ours.filter((batch) => batch.concurrency === concurrency);
    const shares = mine.flatMap((batch) => {
      const floor = floorOf.get(batch.round);
      return floor ? [round(batch.videosPerMinute / floor.videosPerMinute, 3)] : [];
    });
    const cpuShares = mine.flatMap((batch) => {
      const floor = floorOf.get(batch.round);
      if (!floor?.cpuSeconds || !batch.cpuSeconds) return [];
      return [round(floor.cpuSeconds / floor.videos / (batch.cpuSeconds / batch.videos), 3)];
    });
    const cpuPerVideo = mine.flatMap((batch) => (batch.cpuSeconds === null ? [] : [batch.cpuSeconds / batch.videos]));
    const coresBusy = mine.flatMap((batch) => (batch.coresBusy === null ? [] : [batch.coresBusy]));
    return {
      concurrency,
      isDefault: concurrency === defaultConcurrency,
      medianVideosPerMinute: round(median(mine.map((batch) => batch.videosPerMinute)), 2),
      medianCpuSecondsPerVideo: cpuPerVideo.length === mine.length ? round(median(cpuPerVideo), 1) : null,
      shares,
      medianShare: round(median(shares), 3),
      cpuShares,
      medianCpuShare: cpuShares.length === shares.length ? round(median(cpuShares), 3) : null,
      medianCoresBusy: coresBusy.length === mine.length ? round(median(coresBusy), 2) : null,
    };
  });
}

/** The floor's own figures over the rounds (median videos/min and CPU seconds per video). */
export function floorFigures(batches: readonly BatchRecord[]): {
  rounds: number;
  medianVideosPerMinute: number;
  medianCpuSecondsPerVideo: number | null;
  medianCoresBusy: number | null;
} {
  const floors = batches.filter((batch) => batch.pipeline === 'floor');
  const cpuPerVideo = floors.flatMap((batch) => (batch.cpuSeconds === null ? [] : [batch.cpuSeconds / batch.videos]));
  const coresBusy = floors.flatMap((batch) => (batch.coresBusy === null ? [] : [batch.coresBusy]));
  return {
    rounds: floors.length,
    medianVideosPerMinute: round(median(floors.map((batch) => batch.videosPerMinute)), 2),
    medianCpuSecondsPerVideo: cpuPerVideo.length === floors.length ? round(median(cpuPerVideo), 1) : null,
    medianCoresBusy: coresBusy.length === floors.length ? round(median(coresBusy), 2) : null,
  };
}

export interface QualityRecord extends Quality {
  pipeline: PipelineId;
  sizeMB: number;
}

export interface PipelineSummary {
  pipeline: PipelineId;
  label: string;
  videos: number;
  totalWallSeconds: number;
  videosPerMinute: number;
  meanServiceSeconds: number;
  medianServiceSeconds: number;
  minServiceSeconds: number;
  maxServiceSeconds: number;
  meanCpuSeconds: number | null;
  medianCpuSeconds: number | null;
  /** CPU seconds per wall second: how many of the cores the job kept busy on average. */
  meanCoresBusy: number | null;
  meanOutputMB: number;
  /** Lowest SSIM over the input sizes (the figure the target is checked against). */
  minSsim: number | null;
  minPsnr: number | null;
}

export function summarise(
  pipeline: PipelineDescription,
  runs: readonly RunRecord[],
  quality: readonly QualityRecord[],
): PipelineSummary {
  const mine = runs.filter((run) => run.pipeline === pipeline.id);
  const walls = mine.map((run) => run.wallSeconds);
  const cpus = mine.flatMap((run) => (run.cpuSeconds === null ? [] : [run.cpuSeconds]));
  const total = walls.reduce((sum, wall) => sum + wall, 0);
  const scores = quality.filter((entry) => entry.pipeline === pipeline.id);
  return {
    pipeline: pipeline.id,
    label: pipeline.label,
    videos: mine.length,
    totalWallSeconds: round(total, 2),
    videosPerMinute: round(mine.length / (total / 60), 2),
    meanServiceSeconds: round(mean(walls), 2),
    medianServiceSeconds: round(median(walls), 2),
    minServiceSeconds: round(Math.min(...walls), 2),
    maxServiceSeconds: round(Math.max(...walls), 2),
    meanCpuSeconds: cpus.length === mine.length ? round(mean(cpus), 1) : null,
    medianCpuSeconds: cpus.length === mine.length ? round(median(cpus), 1) : null,
    meanCoresBusy: cpus.length === mine.length ? round(cpus.reduce((s, c) => s + c, 0) / total, 2) : null,
    meanOutputMB: round(mean(mine.map((run) => run.outputBytes)) / 1e6, 2),
    minSsim: scores.length ? round(Math.min(...scores.map((entry) => entry.ssim)), 4) : null,
    minPsnr: scores.length ? round(Math.min(...scores.map((entry) => entry.psnr)), 2) : null,
  };
}

export interface PairRatios {
  /** naive/ours wall time for each video, both runs on the same input back to back. */
  wallRatios: number[];
  cpuRatios: number[];
  medianWallRatio: number;
  medianCpuRatio: number | null;
  /** Throughput ratio over the whole run: ours videos/min ÷ naive videos/min. */
  throughputRatio: number;
}

export function pairRatios(runs: readonly RunRecord[], base: PipelineId, other: PipelineId): PairRatios {
  const wallRatios: number[] = [];
  const cpuRatios: number[] = [];
  let baseTotal = 0;
  let otherTotal = 0;
  for (const ours of runs.filter((run) => run.pipeline === base)) {
    const naive = runs.find((run) => run.pipeline === other && run.video === ours.video);
    if (!naive) continue;
    baseTotal += ours.wallSeconds;
    otherTotal += naive.wallSeconds;
    wallRatios.push(round(naive.wallSeconds / ours.wallSeconds, 2));
    if (ours.cpuSeconds && naive.cpuSeconds !== null) cpuRatios.push(round(naive.cpuSeconds / ours.cpuSeconds, 2));
  }
  return {
    wallRatios,
    cpuRatios,
    medianWallRatio: round(median(wallRatios), 2),
    medianCpuRatio: cpuRatios.length === wallRatios.length ? round(median(cpuRatios), 2) : null,
    throughputRatio: round(otherTotal / baseTotal, 2),
  };
}

/** A plain-text/Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  // First column left-aligned, the others right-aligned (as Prettier formats Markdown tables).
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function fixed(value: number | null, digits: number): string {
  return value === null || Number.isNaN(value) ? '–' : value.toFixed(digits);
}
