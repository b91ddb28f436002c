import type { LoggedJob } from './job-log.ts';
import { median, round } from './measure.ts';
import type { TreeCpu } from './process-tree-cpu.ts';

/** One upload as the client saw it (epoch milliseconds). */
export interface UploadTiming {
  videoId: string;
  sentAt: number;
  answeredAt: number;
}

/** The order the steps of a job run in; anything else a job spent is `other`. */
export const jobStageOrder = [
  'claim',
  'download',
  'probe',
  'bumpers',
  'waiting',
  'encode',
  'verify',
  'join',
  'one-pass',
  'store',
  'publish',
  'cleanup',
] as const;

export interface EndToEndBreakdown {
  /**
   * Lane-seconds per step summed over the jobs, and each step's share of all job time. `other` is job time no
   * step accounts for. `progress` (database writes of the encoder's progress) runs beside the encode and is
   * not part of the sum.
   */
  stagesSeconds: Record<string, number>;
  stagesShare: Record<string, number>;
  progressWritesSeconds: number;
  jobSeconds: { median: number; min: number; max: number };
  /** From the moment a job could start (its upload answered and a slot free) to the worker starting it. */
  queuePickupSeconds: { median: number; max: number };
  /** Upload of each video: request sent → 201, median and sum. */
  uploadSeconds: { median: number; sum: number };
  /**
   * Turn-seconds with no encode within the window (a worker has as many turns as it encodes at once): before the
   * first encode (the first upload, its pickup, claim and probe), between encodes, and after the last encode
   * started (its checks, join, storing and publication, and the other turn empty once no video waits).
   */
  idleSlotSeconds: { beforeFirstJob: number; betweenJobs: number; tail: number };
  /** CPU-seconds of the product's processes over the window, by process, and each one's share. */
  cpuSeconds: TreeCpu;
  cpuShare: { node: number; media: number; database: number; other: number };
  /**
   * From the first upload sent to the last one answered: how long that took and the CPU-seconds of the product's
   * processes meanwhile (the Node process's are mostly the multipart uploads; ffmpeg's the first jobs).
   */
  uploadWindow: { seconds: number; cpuSeconds: TreeCpu };
  /**
   * share of the floor (wall) = floor CPU ÷ product CPU × product cores busy ÷ floor cores busy: how much of
   * the gap is extra work and how much is cores left idle.
   */
  coresBusy: number;
  floorCoresBusy: number;
  /**
   * The window's wall time W accounted for: turns × W = the encodes' turn-seconds + the empty turn-seconds, so
   * W = floor + (encodes ÷ turns − floor) + empty turn-seconds ÷ turns. `encodesOverFloor` is what the encodes,
   * sharing the cores, took beyond the floor's one-after-the-other (negative: less); the steps around the encodes
   * cost wall time only where they leave a turn empty. Each entry in wall-seconds and as a share of W.
   */
  wallLedger: { item: string; seconds: number; shareOfWindow: number }[];
  extraCpuSeconds: { total: number; media: number; node: number; database: number; other: number };
}

export function breakDown(options: {
  windowStart: number;
  windowEnd: number;
  uploads: readonly UploadTiming[];
  jobs: readonly LoggedJob[];
  /** Encodes at once (the worker's turns). */
  slots: number;
  /** Jobs the worker takes at once (its turns plus those it prepares ahead). */
  inFlight: number;
  cpu: TreeCpu;
  uploadCpu: TreeCpu;
  floor: { wallSeconds: number; cpuSeconds: number };
}): EndToEndBreakdown {
  const { windowStart, windowEnd, uploads, jobs, slots, inFlight, cpu, uploadCpu, floor } = options;
  const wallSeconds = (windowEnd - windowStart) / 1000;
  const encodes = encodeIntervals(jobs);
  const idle = idleSlots(windowStart, windowEnd, encodes, slots);
  const stagesMs: Record<string, number> = {};
  let progressMs = 0;
  for (const job of jobs) {
    let accounted = 0;
    for (const [stage, ms] of Object.entries(job.stages)) {
      if (stage === 'progress') {
        progressMs += ms;
        continue;
      }
      stagesMs[stage] = (stagesMs[stage] ?? 0) + ms;
      accounted += ms;
    }
    stagesMs.other = (stagesMs.other ?? 0) + Math.max(0, job.endedAt - job.startedAt - accounted);
  }
  const totalJobMs = jobs.reduce((sum, job) => sum + (job.endedAt - job.startedAt), 0);
  const ordered = [...jobStageOrder, 'other'].filter((stage) => stagesMs[stage] !== undefined);
  const stagesSeconds = Object.fromEntries(ordered.map((stage) => [stage, round(stagesMs[stage]! / 1000, 2)]));
  const stagesShare = Object.fromEntries(ordered.map((stage) => [stage, round(stagesMs[stage]! / totalJobMs, 4)]));

  const jobSeconds = jobs.map((job) => (job.endedAt - job.startedAt) / 1000);
  const pickups = pickupDelays(jobs, uploads, inFlight);
  const uploadSeconds = uploads.map((upload) => (upload.answeredAt - upload.sentAt) / 1000);

  return {
    stagesSeconds,
    stagesShare,
    progressWritesSeconds: round(progressMs / 1000, 2),
    jobSeconds: {
      median: round(median(jobSeconds), 2),
      min: round(Math.min(...jobSeconds), 2),
      max: round(Math.max(...jobSeconds), 2),
    },
    queuePickupSeconds: { median: round(median(pickups), 3), max: round(Math.max(...pickups), 3) },
    uploadSeconds: {
      median: round(median(uploadSeconds), 2),
      sum: round(
        uploadSeconds.reduce((sum, seconds) => sum + seconds, 0),
        2,
      ),
    },
    idleSlotSeconds: idle,
    cpuSeconds: roundCpu(cpu),
    cpuShare: {
      node: round(cpu.node / cpu.total, 4),
      media: round(cpu.media / cpu.total, 4),
      database: round(cpu.database / cpu.total, 4),
      other: round(cpu.other / cpu.total, 4),
    },
    uploadWindow: {
      seconds: round((Math.max(...uploads.map((upload) => upload.answeredAt)) - windowStart) / 1000, 2),
      cpuSeconds: roundCpu(uploadCpu),
    },
    wallLedger: ledger(wallSeconds, floor.wallSeconds, encodes, idle, slots),
    coresBusy: round(cpu.total / wallSeconds, 2),
    floorCoresBusy: round(floor.cpuSeconds / floor.wallSeconds, 2),
    extraCpuSeconds: {
      total: round(cpu.total - floor.cpuSeconds, 2),
      media: round(cpu.media - floor.cpuSeconds, 2),
      node: round(cpu.node, 2),
      database: round(cpu.database, 2),
      other: round(cpu.other, 2),
    },
  };
}

/**
 * Seconds from the moment each job could have started (its upload answered and a slot free) to its start. The
 * slots are replayed in the order the jobs started: a job takes the slot that frees first.
 */
function pickupDelays(jobs: readonly LoggedJob[], uploads: readonly UploadTiming[], slots: number): number[] {
  const freeAt = Array.from({ length: slots }, () => Number.NEGATIVE_INFINITY);
  return [...jobs]
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((job) => {
      const answeredAt = uploads.find((upload) => upload.videoId === job.videoId)?.answeredAt ?? job.startedAt;
      const slot = freeAt.indexOf(Math.min(...freeAt));
      const readyAt = Math.max(answeredAt, freeAt[slot]!);
      freeAt[slot] = job.endedAt;
      return Math.max(0, job.startedAt - readyAt) / 1000;
    });
}

/**
 * When each job's encode held a turn; for a worker that did not log it, the whole job (which then held a slot
 * from start to end).
 */
function encodeIntervals(jobs: readonly LoggedJob[]): { start: number; end: number }[] {
  return jobs.map((job) =>
    job.encodeStartedAt !== undefined && job.encodeEndedAt !== undefined
      ? { start: job.encodeStartedAt, end: job.encodeEndedAt }
      : { start: job.startedAt, end: job.endedAt },
  );
}

/** Turn-seconds with no encode in the window, split at the first and the last encode start. */
function idleSlots(start: number, end: number, busy: readonly { start: number; end: number }[], slots: number) {
  const firstStart = Math.min(...busy.map((interval) => interval.start));
  const lastStart = Math.max(...busy.map((interval) => interval.start));
  const idleBetween = (from: number, to: number) => {
    if (to <= from) return 0;
    // Integrate over the points where the count of running encodes changes.
    const points = [from, to, ...busy.flatMap((interval) => [interval.start, interval.end])]
      .filter((t) => t >= from && t <= to)
      .sort((a, b) => a - b);
    let idleMs = 0;
    for (let i = 0; i < points.length - 1; i += 1) {
      const mid = (points[i]! + points[i + 1]!) / 2;
      const running = busy.filter((interval) => interval.start <= mid && interval.end > mid).length;
      idleMs += Math.max(0, slots - running) * (points[i + 1]! - points[i]!);
    }
    return round(idleMs / 1000, 2);
  };
  return {
    beforeFirstJob: idleBetween(start, firstStart),
    betweenJobs: idleBetween(firstStart, lastStart),
    tail: idleBetween(lastStart, end),
  };
}

function ledger(
  wallSeconds: number,
  floorSeconds: number,
  encodes: readonly { start: number; end: number }[],
  idle: { beforeFirstJob: number; betweenJobs: number; tail: number },
  slots: number,
): EndToEndBreakdown['wallLedger'] {
  const entry = (item: string, seconds: number) => ({
    item,
    seconds: round(seconds, 2),
    shareOfWindow: round(seconds / wallSeconds, 4),
  });
  const encodeSeconds = encodes.reduce((sum, interval) => sum + (interval.end - interval.start), 0) / 1000 / slots;
  return [
    entry('floor', floorSeconds),
    entry('encodesOverFloor', encodeSeconds - floorSeconds),
    entry('idleBeforeFirstJob', idle.beforeFirstJob / slots),
    entry('idleBetweenJobs', idle.betweenJobs / slots),
    entry('idleTail', idle.tail / slots),
  ];
}

function roundCpu(cpu: TreeCpu): TreeCpu {
  return {
    node: round(cpu.node, 2),
    media: round(cpu.media, 2),
    database: round(cpu.database, 2),
    other: round(cpu.other, 2),
    total: round(cpu.total, 2),
  };
}
