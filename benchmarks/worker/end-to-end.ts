/**
 * The end-to-end measure: N videos through the real path (HTTP upload → queue → worker → published) of the
 * product started as `npm start` runs it, against the floor — the same N clips made by one bare ffmpeg command
 * with the product's filters, one after the other with every core — in the same run, rounds interleaved.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { mkdir, rm } from 'node:fs/promises';
import {
  anbLogoPath,
  buildClipCommand,
  defaultShowcaseSettings,
  probe,
  resolveShowcaseSettings,
  runFfmpeg,
  showcaseFormat,
} from '@anb/media';
import type { MediaInfo, MediaTools } from '@anb/media';
import { startStack } from '@anb/testing/stack';
import type { RunningStack } from '@anb/testing/stack';
import { breakDown } from './end-to-end-breakdown.ts';
import type { EndToEndBreakdown, UploadTiming } from './end-to-end-breakdown.ts';
import { JobLog } from './job-log.ts';
import type { LoggedJob } from './job-log.ts';
import { compareQuality, loadAverages, measure, median, round } from './measure.ts';
import type { LoadAverages, Quality } from './measure.ts';
import { ProductClient } from './product-client.ts';
import { cpuBetween, readTreeCpu } from './process-tree-cpu.ts';
import type { TreeCpu } from './process-tree-cpu.ts';

export interface EndToEndInput {
  sizeMB: number;
  path: string;
  info: MediaInfo;
  referencePath: string;
}

export interface EndToEndOptions {
  /** Videos per round; the inputs are used in turn. */
  videos: number;
  rounds: number;
  inputs: readonly EndToEndInput[];
  tools: MediaTools;
  scratchDir: string;
  /** Extra settings for the product (another concurrency, say), recorded with the figures. */
  productEnv?: Record<string, string>;
  log(message: string): void;
}

/** The product's and the floor's wall time and CPU-seconds, and the floor's share of each. */
export interface EndToEndFigures {
  wallSeconds: number;
  cpuSeconds: number;
  floorWallSeconds: number;
  floorCpuSeconds: number;
  shareOfFloorWall: number;
  shareOfFloorCpu: number;
}

export interface EndToEndRound extends EndToEndFigures {
  round: number;
  order: 'floor first' | 'product first';
  loadBefore: LoadAverages;
  loadAfter: LoadAverages;
  breakdown: EndToEndBreakdown;
  jobs: LoggedJob[];
  uploads: UploadTiming[];
}

export interface EndToEndResult extends EndToEndFigures {
  videos: number;
  /** Videos the worker took at once beyond those it encodes (its start-up line). */
  preparedAhead: number;
  /** Settings given to the product beyond its defaults (--e2e-env); empty for the product as shipped. */
  productEnv: Record<string, string>;
  rounds: number;
  workerSlots: number;
  inputsMB: number[];
  method: string;
  /** Each round's shares (floor and product back to back); the inherited figures are their medians. */
  sharesOfFloorWall: number[];
  sharesOfFloorCpu: number[];
  /** The breakdown of the round whose wall share is the median. */
  breakdown: EndToEndBreakdown;
  perRound: EndToEndRound[];
  /** CPU-seconds per second the product spends with nothing to do, measured once the rounds are over. */
  restingCpuPerSecondAfterRounds: { node: number; database: number };
  outputChecks: {
    sizeMB: number;
    width: number;
    height: number;
    durationSeconds: number;
    hasAudio: boolean;
    quality: Quality;
  }[];
}

export const endToEndMethod =
  'The product as `npm start` runs it (apps/standalone: API + worker in one Node process, embedded PostgreSQL, ' +
  'local-disk objects, PostgreSQL queue), the worker at its default concurrency and preset. A new player signs ' +
  'up and logs in, then uploads the N videos one after the other (POST /api/videos/upload, multipart); the window ' +
  'runs from the first upload sent to the last video seen published (GET /api/videos, asked each time the ' +
  "worker logs a finished job, and every 2 s besides). CPU-seconds: the product's process tree (the Node process, its " +
  'ffmpeg/ffprobe children, PostgreSQL and its backends) from /proc, read at both ends of the window. Floor, in ' +
  "the same round: the same N clips by one bare ffmpeg command each, the product's clip command (same filters, " +
  'watermark, preset, CRF and decode options, first 30 s, -threads 0) without poster, bumpers, probes or storing, ' +
  'one after the other; wall and child CPU time. Share of the floor = floor ÷ product, wall and CPU-seconds.';

export async function runEndToEnd(options: EndToEndOptions): Promise<EndToEndResult> {
  const { log } = options;
  const slots = Number(options.productEnv?.WORKER_CONCURRENCY ?? availableParallelism());
  log(`end to end: starting the product (API + worker, embedded PostgreSQL), ${slots} worker slot(s)…`);
  const stack = await startStack({
    env: {
      WORKER_ENABLED: 'true',
      // The product's own default (startStack picks a faster one for tests).
      FFMPEG_PRESET: defaultShowcaseSettings.preset,
      LOG_LEVEL: 'info',
      UPLOAD_RATE_MAX: '100000',
      ...options.productEnv,
    },
  });
  const jobLog = new JobLog(stack.child.stdout!);
  const perRound: EndToEndRound[] = [];

  let lastIds: string[] = [];
  try {
    for (let round = 1; round <= options.rounds; round += 1) {
      const floorFirst = round % 2 === 1;
      const floor = floorFirst ? await runFloor(options) : undefined;
      const product = await runProduct(options, stack, jobLog);
      const floorAfter = floor ?? (await runFloor(options));
      // The worker's start-up line comes before the stack is ready (and this reader attached): else the most
      // jobs seen running together.
      const inFlight = jobLog.worker
        ? jobLog.worker.concurrency + jobLog.worker.preparedAhead
        : Math.max(slots, mostAtOnce(product.jobs));
      const record = roundRecord(round, floorFirst, product, floorAfter, slots, inFlight);
      perRound.push(record);
      lastIds = product.uploads.map((upload) => upload.videoId);
      log(
        `end to end, round ${round}: product ${record.wallSeconds.toFixed(1)} s, ${record.cpuSeconds.toFixed(1)} CPU-s; ` +
          `floor ${record.floorWallSeconds.toFixed(1)} s, ${record.floorCpuSeconds.toFixed(1)} CPU-s → ` +
          `share ${(record.shareOfFloorWall * 100).toFixed(1)} % wall, ${(record.shareOfFloorCpu * 100).toFixed(1)} % CPU ` +
          `(load ${record.loadBefore.join('/')} → ${record.loadAfter.join('/')})`,
      );
    }
    // After the rounds: right after start-up the Node process is still compiling and collecting.
    const atRest = await restingCpu(stack.pid);
    log(
      `end to end: at rest the product spends ${atRest.node.toFixed(3)} CPU-s/s in Node, ` +
        `${atRest.database.toFixed(3)} in PostgreSQL (background rounds, queue polling)`,
    );
    const outputChecks = await checkOutputs(options, stack, lastIds);
    const walls = perRound.map((record) => record.shareOfFloorWall);
    const middle = [...perRound].sort((a, b) => a.shareOfFloorWall - b.shareOfFloorWall)[
      Math.floor((perRound.length - 1) / 2)
    ]!;
    return {
      videos: options.videos,
      productEnv: options.productEnv ?? {},
      preparedAhead:
        jobLog.worker?.preparedAhead ?? Math.max(0, ...perRound.map((record) => mostAtOnce(record.jobs) - slots)),
      rounds: options.rounds,
      workerSlots: slots,
      inputsMB: options.inputs.map((input) => input.sizeMB),
      method: endToEndMethod,
      wallSeconds: round(median(perRound.map((record) => record.wallSeconds)), 2),
      cpuSeconds: round(median(perRound.map((record) => record.cpuSeconds)), 2),
      floorWallSeconds: round(median(perRound.map((record) => record.floorWallSeconds)), 2),
      floorCpuSeconds: round(median(perRound.map((record) => record.floorCpuSeconds)), 2),
      shareOfFloorWall: round(median(walls), 4),
      shareOfFloorCpu: round(median(perRound.map((record) => record.shareOfFloorCpu)), 4),
      sharesOfFloorWall: walls,
      sharesOfFloorCpu: perRound.map((record) => record.shareOfFloorCpu),
      breakdown: middle.breakdown,
      perRound,
      outputChecks,
      restingCpuPerSecondAfterRounds: atRest,
    };
  } finally {
    await stack.stop();
  }
}

interface ProductRun {
  windowStart: number;
  windowEnd: number;
  uploads: UploadTiming[];
  jobs: LoggedJob[];
  cpu: ReturnType<typeof cpuBetween>;
  /** The part of `cpu` spent from the first upload sent to the last one answered. */
  uploadCpu: ReturnType<typeof cpuBetween>;
  loadBefore: LoadAverages;
  loadAfter: LoadAverages;
}

/** N uploads by one player, then wait until all are published. */
async function runProduct(options: EndToEndOptions, stack: RunningStack, jobLog: JobLog): Promise<ProductRun> {
  const client = await ProductClient.signUp(stack.baseUrl);
  const files = Array.from({ length: options.videos }, (_, index) => options.inputs[index % options.inputs.length]!);
  const pending = new Set<string>();
  const jobs: LoggedJob[] = [];
  let windowEnd = 0;
  let resolveAll: () => void = () => {};
  const allPublished = new Promise<void>((resolve) => (resolveAll = resolve));
  let checking = Promise.resolve();
  const check = () => {
    checking = checking.then(async () => {
      if (pending.size === 0 && windowEnd > 0) return;
      const statuses = await client.statuses();
      const seenAt = Date.now();
      for (const id of [...pending]) {
        const video = statuses.get(id);
        if (video?.status === 'failed') throw new Error(`video ${id} failed: ${video.failure_reason ?? ''}`);
        if (video?.status === 'processed') pending.delete(id);
      }
      if (pending.size === 0 && uploadsDone) {
        windowEnd = seenAt;
        resolveAll();
      }
    });
    checking.catch((error: unknown) => {
      failure = error;
      resolveAll();
    });
  };
  let failure: unknown;
  let uploadsDone = false;
  jobLog.onJob((job) => {
    jobs.push(job);
    check();
  });
  // A fallback only: the job lines say when to look, and every request here is CPU the product spends.
  const poller = setInterval(check, 2_000);

  const loadBefore = loadAverages();
  const cpuBefore = readTreeCpu(stack.pid);
  const windowStart = Date.now();
  const uploads: UploadTiming[] = [];
  let cpuAtUploadsDone: TreeCpu | undefined;
  try {
    for (const [index, input] of files.entries()) {
      const sentAt = Date.now();
      const videoId = await client.upload(input.path, `Jugada de prueba ${index + 1}`);
      pending.add(videoId);
      uploads.push({ videoId, sentAt, answeredAt: Date.now() });
    }
    uploadsDone = true;
    cpuAtUploadsDone = readTreeCpu(stack.pid);
    check();
    await allPublished;
  } finally {
    clearInterval(poller);
    jobLog.onJob(undefined);
  }
  if (failure) throw failure;
  const cpu = cpuBetween(cpuBefore, readTreeCpu(stack.pid));
  const ids = new Set(uploads.map((upload) => upload.videoId));
  return {
    windowStart,
    windowEnd,
    uploads,
    jobs: jobs.filter((job) => ids.has(job.videoId)),
    cpu,
    uploadCpu: cpuBetween(cpuBefore, cpuAtUploadsDone ?? cpuBefore),
    loadBefore,
    loadAfter: loadAverages(),
  };
}

/** The floor: the N clips by the bare clip command, one after the other, every core (-threads 0). */
async function runFloor(options: EndToEndOptions): Promise<{ wallSeconds: number; cpuSeconds: number }> {
  const settings = resolveShowcaseSettings({ threads: 0 });
  const dir = join(options.scratchDir, 'floor');
  await mkdir(dir, { recursive: true });
  const files = Array.from({ length: options.videos }, (_, index) => options.inputs[index % options.inputs.length]!);
  const sample = await measure(async () => {
    for (const [index, input] of files.entries()) {
      const outputPath = join(dir, `floor-${index}.mp4`);
      await runFfmpeg(
        buildClipCommand(input.info, settings, { inputPath: input.path, logoPath: anbLogoPath, outputPath }),
        {
          ffmpegPath: options.tools.ffmpegPath,
        },
      );
    }
  });
  await rm(dir, { recursive: true, force: true });
  return { wallSeconds: sample.wallSeconds, cpuSeconds: sample.cpuSeconds ?? Number.NaN };
}

function roundRecord(
  roundNumber: number,
  floorFirst: boolean,
  product: ProductRun,
  floor: { wallSeconds: number; cpuSeconds: number },
  slots: number,
  inFlight: number,
): EndToEndRound {
  const wallSeconds = (product.windowEnd - product.windowStart) / 1000;
  return {
    round: roundNumber,
    order: floorFirst ? 'floor first' : 'product first',
    wallSeconds: round(wallSeconds, 2),
    cpuSeconds: round(product.cpu.total, 2),
    floorWallSeconds: round(floor.wallSeconds, 2),
    floorCpuSeconds: round(floor.cpuSeconds, 2),
    shareOfFloorWall: round(floor.wallSeconds / wallSeconds, 4),
    shareOfFloorCpu: round(floor.cpuSeconds / product.cpu.total, 4),
    loadBefore: product.loadBefore,
    loadAfter: product.loadAfter,
    breakdown: breakDown({
      windowStart: product.windowStart,
      windowEnd: product.windowEnd,
      uploads: product.uploads,
      jobs: product.jobs,
      slots,
      inFlight,
      cpu: product.cpu,
      uploadCpu: product.uploadCpu,
      floor,
    }),
    jobs: product.jobs,
    uploads: product.uploads,
  };
}

/** The published outputs of the last round, one per input: the spec's checks and SSIM against the reference. */
async function checkOutputs(options: EndToEndOptions, stack: RunningStack, ids: readonly string[]) {
  const checks: EndToEndResult['outputChecks'] = [];
  for (const [index, input] of options.inputs.entries()) {
    const id = ids[index];
    if (!id) continue;
    const file = join(stack.dataDir, 'objects', 'processed', `${id}.mp4`);
    const info = await probe(file, { ffprobePath: options.tools.ffprobePath });
    const clipSeconds = Math.min(input.info.durationSeconds ?? 0, showcaseFormat.maxClipSeconds);
    const quality = await compareQuality(
      options.tools.ffmpegPath,
      file,
      showcaseFormat.bumperSeconds,
      clipSeconds,
      input.referencePath,
    );
    checks.push({
      sizeMB: input.sizeMB,
      width: info.video?.width ?? 0,
      height: info.video?.height ?? 0,
      durationSeconds: info.durationSeconds ?? 0,
      hasAudio: info.hasAudio,
      quality,
    });
    options.log(
      `end to end, output ${input.sizeMB} MB: ${info.video?.width}x${info.video?.height}, ${info.durationSeconds} s, SSIM ${quality.ssim.toFixed(4)}`,
    );
  }
  return checks;
}

/** The most jobs that ran at the same moment. */
function mostAtOnce(jobs: readonly LoggedJob[]): number {
  return Math.max(
    0,
    ...jobs.map(
      (job) => jobs.filter((other) => other.startedAt <= job.startedAt && other.endedAt > job.startedAt).length,
    ),
  );
}

/** The product's CPU per second with nothing to do, over 10 s after 5 s of quiet. */
async function restingCpu(pid: number): Promise<{ node: number; database: number }> {
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const before = readTreeCpu(pid);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const spent = cpuBetween(before, readTreeCpu(pid));
  const seconds = (performance.now() - started) / 1000;
  return { node: round(spent.node / seconds, 4), database: round(spent.database / seconds, 4) };
}
