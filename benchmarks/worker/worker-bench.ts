/**
 * Worker benchmark: our pipeline (`renderShowcase`, default settings) against a naive one-pass
 * re-encode, on generated 1080p uploads, interleaved in the same run; SSIM/PSNR of both outputs
 * against a slow-preset reference; then throughput rounds that time ours 1, 2, 3… jobs at a time
 * against the floor (the same clip by one bare ffmpeg process with every core), interleaved.
 * Usage: `npm run bench:worker -- --help`.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, hostname, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  anbLogoPath,
  buildClipCommand,
  ensureBumpers,
  locateMediaTools,
  probe,
  renderShowcase,
  resolveShowcaseSettings,
  runFfmpeg,
  showcaseFormat,
  x264Presets,
} from '@anb/media';
import type { EncodeSettings, MediaInfo, MediaTools, ShowcaseSettings, ShowcaseStage, X264Preset } from '@anb/media';
import { defaultInputSpec, ensureInput, exists, videoKbps } from './inputs.ts';
import type { InputSpec } from './inputs.ts';
import { compareQuality, loadAverages, measure, round } from './measure.ts';
import type { LoadAverages, Sample } from './measure.ts';
import { buildNaiveCommand, naiveSettings } from './naive-command.ts';
import { runEndToEnd } from './end-to-end.ts';
import type { EndToEndRecord } from './end-to-end-report.ts';
import { renderMarkdown } from './report.ts';
import type { BenchResult, InputRecord, OneTimeCost } from './report.ts';
import { floorFigures, floorShares, pairRatios, summarise } from './summary.ts';
import type { BatchRecord, PipelineDescription, PipelineId, QualityRecord, RunRecord } from './summary.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// A standard decode (no skipped deblocking): the reference is what the upload really looks like.
const referenceSettings: EncodeSettings = { preset: 'slow', crf: 18, threads: 0, skipInputDeblocking: false };

const usage = `npm run bench:worker -- [options]
  --videos N         videos per pipeline, spread round-robin over the sizes (default 4)
  --sizes 50,100     nominal input sizes in MB (default 50,100)
  --seconds S        input duration (default 40)
  --grain G          temporal noise strength of the inputs (default 8; 14+ is a worst case for x264)
  --alt-preset P     also time our pipeline at x264 preset P (a third, clearly labelled row)
  --concurrency L    throughput rounds: ours N at a time for each N in L, as WORKER_CONCURRENCY=N
                     (default 1,2,3; the worker's default, the CPUs given, is always added)
  --rounds R         throughput rounds, each timing the floor and every N of --concurrency in turn (default 3)
  --batch-videos B   videos per batch in a round, spread over the sizes (default 6)
  --e2e-videos N     end to end: videos per round through the running product (default 4)
  --e2e-rounds R     end to end: rounds, each the product and the floor on the same videos (default 3)
  --end-to-end-only  only the end-to-end measure; its figures replace endToEnd in worker-bench.json
  --no-end-to-end    skip the end-to-end measure (renderShowcase alone, as before)
  --e2e-env K=V,…    end to end: extra settings for the product (e.g. WORKER_CONCURRENCY=1), to compare setups
  --inputs-only      generate and cache the inputs and their reference encodes, then stop
  --quick            smoke run: 1 video, 50 MB, 22 s input, one round of 1 video, results not written
  --no-write         print only; do not write docs/capacity/worker-bench.{json,md}
  --cache-dir DIR    generated inputs and references (default .tmp/worker-bench)
  --render-only      rewrite docs/capacity/worker-bench.md from worker-bench.json (no measuring)`;

interface Options {
  videos: number;
  sizes: number[];
  seconds: number;
  grain: number;
  altPreset: X264Preset | null;
  concurrencies: number[];
  defaultConcurrency: number;
  rounds: number;
  batchVideos: number;
  e2eVideos: number;
  e2eRounds: number;
  endToEnd: 'on' | 'only' | 'off';
  inputsOnly: boolean;
  e2eEnv: Record<string, string>;
  quick: boolean;
  write: boolean;
  renderOnly: boolean;
  cacheDir: string;
  argv: string[];
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      videos: { type: 'string' },
      sizes: { type: 'string' },
      seconds: { type: 'string' },
      grain: { type: 'string' },
      'alt-preset': { type: 'string' },
      concurrency: { type: 'string' },
      rounds: { type: 'string' },
      'batch-videos': { type: 'string' },
      'e2e-videos': { type: 'string' },
      'e2e-rounds': { type: 'string' },
      'end-to-end-only': { type: 'boolean', default: false },
      'no-end-to-end': { type: 'boolean', default: false },
      'inputs-only': { type: 'boolean', default: false },
      'e2e-env': { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      'cache-dir': { type: 'string' },
      'render-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const quick = values.quick;
  const videos = Number(values.videos ?? (quick ? 1 : 4));
  const sizes = (values.sizes ?? (quick ? '50' : '50,100')).split(',').map(Number);
  const seconds = Number(values.seconds ?? (quick ? 22 : defaultInputSpec.seconds));
  const grain = Number(values.grain ?? defaultInputSpec.grain);
  const altPreset = values['alt-preset'] ?? null;
  // What the worker runs when WORKER_CONCURRENCY is not set (apps/worker/src/worker-concurrency.ts).
  const defaultConcurrency = availableParallelism();
  const listed = (values.concurrency ?? (quick ? String(defaultConcurrency) : '1,2,3')).split(',').map(Number);
  const concurrencies = [...new Set([...listed, defaultConcurrency])].sort((a, b) => a - b);
  const rounds = Number(values.rounds ?? (quick ? 1 : 3));
  const batchVideos = Number(values['batch-videos'] ?? (quick ? 1 : 6));
  const e2eVideos = Number(values['e2e-videos'] ?? (quick ? 2 : 4));
  const e2eRounds = Number(values['e2e-rounds'] ?? (quick ? 1 : 3));
  if (!Number.isInteger(e2eVideos) || e2eVideos < 1) throw new RangeError('--e2e-videos must be a positive integer');
  if (!Number.isInteger(e2eRounds) || e2eRounds < 1) throw new RangeError('--e2e-rounds must be a positive integer');
  if (values['end-to-end-only'] && values['no-end-to-end'])
    throw new RangeError('--end-to-end-only and --no-end-to-end exclude each other');
  if (!Number.isInteger(videos) || videos < 1) throw new RangeError('--videos must be a positive integer');
  if (concurrencies.some((concurrency) => !Number.isInteger(concurrency) || concurrency < 1))
    throw new RangeError('--concurrency must list positive integers');
  if (!Number.isInteger(rounds) || rounds < 0) throw new RangeError('--rounds must be an integer ≥ 0');
  if (!Number.isInteger(batchVideos) || batchVideos < 1)
    throw new RangeError('--batch-videos must be a positive integer');
  if (sizes.some((size) => !(size > 0))) throw new RangeError('--sizes must be positive numbers (MB)');
  if (!(seconds >= 20 && seconds <= 60)) throw new RangeError('--seconds must be 20–60 (the accepted uploads)');
  if (!(grain >= 0 && grain <= 100)) throw new RangeError('--grain must be 0–100');
  if (altPreset !== null && !(x264Presets as readonly string[]).includes(altPreset))
    throw new RangeError(`--alt-preset must be one of ${x264Presets.join(', ')}`);
  return {
    videos,
    sizes,
    seconds,
    grain,
    altPreset: altPreset as X264Preset | null,
    concurrencies,
    defaultConcurrency,
    rounds,
    batchVideos,
    e2eVideos,
    e2eRounds,
    endToEnd: values['end-to-end-only'] ? 'only' : values['no-end-to-end'] ? 'off' : 'on',
    inputsOnly: values['inputs-only'],
    e2eEnv: Object.fromEntries(
      (values['e2e-env'] ?? '')
        .split(',')
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    ),
    quick,
    write: !quick && !values['no-write'],
    renderOnly: values['render-only'],
    cacheDir: values['cache-dir'] ?? join(repoRoot, '.tmp/worker-bench'),
    argv,
  };
}

interface Pipeline extends PipelineDescription {
  /** Renders `input` into `outputPath`; returns what only this pipeline knows. */
  run(input: PreparedInput, outputPath: string, posterPath: string): Promise<Partial<RunRecord>>;
}

interface PreparedInput {
  spec: InputSpec;
  path: string;
  info: MediaInfo;
  referencePath: string;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const outDir = join(repoRoot, 'docs/capacity');
  if (options.renderOnly) {
    const result = JSON.parse(await readFile(join(outDir, 'worker-bench.json'), 'utf8')) as BenchResult;
    if (result.batches?.length) {
      // Derived figures follow the current summary code; the timed batches are kept as measured.
      result.floor = floorFigures(result.batches);
      result.floorShares = floorShares(result.batches, Number(result.settings.defaultConcurrency));
      await writeFile(join(outDir, 'worker-bench.json'), JSON.stringify(result, null, 2) + '\n');
    }
    await writeFile(join(outDir, 'worker-bench.md'), renderMarkdown(result));
    log('rewrote docs/capacity/worker-bench.md (and the derived figures of worker-bench.json) from worker-bench.json');
    return;
  }
  const tools = locateMediaTools();
  const runDir = await mkdtemp(join(tmpdir(), 'anb-worker-bench-'));
  const loadAtStart = loadAverages();
  const startedAt = new Date();
  log(
    `worker bench: ${options.videos} video(s) per pipeline, sizes ${options.sizes.join('/')} MB, load ${fmtLoad(loadAtStart)}`,
  );
  try {
    if (options.inputsOnly) {
      await prepareInputs(options, tools, false);
      return;
    }
    if (options.endToEnd === 'only') {
      const { inputs } = await prepareInputs(options, tools, false);
      const endToEnd = await measureEndToEnd(options, inputs, tools, runDir, loadAtStart, startedAt);
      // Every run's raw figures, also when they are not written into docs/capacity (--no-write, --quick).
      const rawPath = join(options.cacheDir, `end-to-end-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
      await writeFile(rawPath, JSON.stringify(endToEnd, null, 2) + '\n');
      log(`raw end-to-end figures: ${relative(repoRoot, rawPath)}`);
      const jsonPath = join(outDir, 'worker-bench.json');
      const previous = (await exists(jsonPath))
        ? (JSON.parse(await readFile(jsonPath, 'utf8')) as BenchResult)
        : undefined;
      if (!previous) {
        log('no worker-bench.json to add the end-to-end figures to: run the full bench once; figures printed only');
        console.log(JSON.stringify(endToEnd, null, 2));
        return;
      }
      const result: BenchResult = { ...previous, endToEnd };
      const markdown = renderMarkdown(result);
      console.log('\n' + markdown);
      if (options.write) {
        await writeFile(jsonPath, JSON.stringify(result, null, 2) + '\n');
        await writeFile(join(outDir, 'worker-bench.md'), markdown);
        log(`wrote endToEnd into ${relative(repoRoot, jsonPath)} and worker-bench.md`);
      }
      return;
    }
    const { inputs, inputRecords } = await prepareInputs(options, tools, true);
    const ours = resolveShowcaseSettings({ bumperCacheDir: join(runDir, 'bumpers') });
    const pipelines: Pipeline[] = [
      oursPipeline('ours', `ours (${ours.preset}, CRF ${ours.crf})`, ours.preset, ours.crf, runDir, tools),
      naivePipeline(tools),
    ];
    if (options.altPreset)
      pipelines.push(
        oursPipeline('alt', `ours at ${options.altPreset} (alternative)`, options.altPreset, ours.crf, runDir, tools),
      );

    const oneTime: OneTimeCost[] = [];
    for (const pipeline of pipelines.filter((p) => p.id !== 'naive')) {
      const settings = { preset: pipeline.preset as X264Preset, crf: pipeline.crf, threads: 0 };
      const sample = await measure(() =>
        ensureBumpers({
          cacheDir: join(runDir, 'bumpers'),
          settings,
          ffmpegPath: tools.ffmpegPath,
          logoPath: anbLogoPath,
        }),
      );
      oneTime.push({ what: `bumper render, ${pipeline.label}`, ...costOf(sample) });
      log(
        `bumpers for ${pipeline.label}: ${sample.wallSeconds.toFixed(1)} s wall, ${fmtCpu(sample.cpuSeconds)} (once per run)`,
      );
    }

    const runs = await timeRuns(options, inputs, pipelines, runDir, tools);
    const quality = await measureQuality(inputs, pipelines, runDir, tools);
    const floor = floorPipeline(ours, tools);
    const batches = await timeRounds(options, inputs, { ours: pipelines[0]!, floor }, runDir);
    const endToEnd =
      options.endToEnd === 'on'
        ? await measureEndToEnd(options, inputs, tools, runDir, loadAverages(), new Date())
        : undefined;

    const summaries = pipelines.map((pipeline) => summarise(pipeline, runs, quality));
    const result: BenchResult = {
      generatedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      command: ['npm run bench:worker', ...(options.argv.length ? ['--', ...options.argv] : [])].join(' '),
      machine: machineInfo(tools, loadAtStart),
      settings: {
        videosPerPipeline: options.videos,
        sizesMB: options.sizes,
        inputSeconds: options.seconds,
        inputGrain: options.grain,
        concurrency: 1,
        roundConcurrencies: options.concurrencies,
        defaultConcurrency: options.defaultConcurrency,
        rounds: options.rounds,
        batchVideos: options.batchVideos,
        order: 'interleaved per video: ' + pipelines.map((p) => p.id).join(', '),
        roundOrder: 'floor, then ours at each concurrency; the order rotates by one each round',
        reference: `buildClipCommand at preset ${referenceSettings.preset}, CRF ${referenceSettings.crf} (first ${showcaseFormat.maxClipSeconds} s, same filters)`,
        qualityWindow: `output from ${showcaseFormat.bumperSeconds} s (after the opening bumper), clip length, vs the reference`,
      },
      pipelines: [...pipelines, floor].map(({ id, label, preset, crf, description }) => ({
        id,
        label,
        preset,
        crf,
        description,
      })),
      inputs: inputRecords,
      oneTime,
      runs,
      quality,
      summaries,
      batches,
      floor: floorFigures(batches),
      floorShares: floorShares(batches, options.defaultConcurrency),
      ratios: {
        naiveOverOurs: pairRatios(runs, 'ours', 'naive'),
        ...(options.altPreset ? { naiveOverAlt: pairRatios(runs, 'alt', 'naive') } : {}),
      },
      ...(endToEnd ? { endToEnd } : {}),
    };
    result.machine.loadAverages.end = loadAverages();
    const markdown = renderMarkdown(result);
    console.log('\n' + markdown);
    if (options.write) {
      await mkdir(outDir, { recursive: true });
      await writeFile(join(outDir, 'worker-bench.json'), JSON.stringify(result, null, 2) + '\n');
      await writeFile(join(outDir, 'worker-bench.md'), markdown);
      log(`wrote ${relative(repoRoot, join(outDir, 'worker-bench.json'))} and worker-bench.md`);
    }
  } finally {
    await rm(runDir, { recursive: true, force: true });
  }
}

/** The end-to-end measure (end-to-end.ts) on the prepared inputs, with its own command, dates and load averages. */
async function measureEndToEnd(
  options: Options,
  inputs: Map<number, PreparedInput>,
  tools: MediaTools,
  runDir: string,
  loadAtStart: LoadAverages,
  startedAt: Date,
): Promise<EndToEndRecord> {
  const figures = await runEndToEnd({
    videos: options.e2eVideos,
    rounds: options.e2eRounds,
    inputs: [...inputs].map(([sizeMB, input]) => ({
      sizeMB,
      path: input.path,
      info: input.info,
      referencePath: input.referencePath,
    })),
    tools,
    scratchDir: join(runDir, 'end-to-end'),
    productEnv: options.e2eEnv,
    log,
  });
  return {
    generatedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: ['npm run bench:worker', ...(options.argv.length ? ['--', ...options.argv] : [])].join(' '),
    loadAverages: { start: loadAtStart, end: loadAverages() },
    ...figures,
  };
}

async function prepareInputs(options: Options, tools: MediaTools, measureDecode: boolean) {
  const inputs = new Map<number, PreparedInput>();
  const inputRecords: InputRecord[] = [];
  for (const sizeMB of options.sizes) {
    const spec: InputSpec = { ...defaultInputSpec, seconds: options.seconds, grain: options.grain, sizeMB };
    log(
      `input ${sizeMB} MB: generating if not cached (1080p30, ${spec.seconds} s, ${videoKbps(spec)} kbit/s video + AAC)…`,
    );
    const generated = await ensureInput(spec, options.cacheDir, tools.ffmpegPath);
    const info = await probe(generated.path, { ffprobePath: tools.ffprobePath });

    const referencePath = generated.path.replace(
      /\.mp4$/,
      `.reference-${referenceSettings.preset}-crf${referenceSettings.crf}.mp4`,
    );
    let referenceSeconds: number | null = null;
    if (!(await exists(referencePath))) {
      log(`  reference encode (${referenceSettings.preset}, CRF ${referenceSettings.crf}), once per input…`);
      const partial = `${referencePath}.partial.mp4`;
      const started = performance.now();
      await runFfmpeg(
        buildClipCommand(info, referenceSettings, {
          inputPath: generated.path,
          logoPath: anbLogoPath,
          outputPath: partial,
        }),
        { ffmpegPath: tools.ffmpegPath },
      );
      await rename(partial, referencePath);
      referenceSeconds = (performance.now() - started) / 1000;
    }

    // The floor under any pipeline: decoding the 30 s that are used, nothing else.
    inputs.set(sizeMB, { spec, path: generated.path, info, referencePath });
    if (!measureDecode) continue;
    const decode = await measure(() =>
      runFfmpeg(
        ['-t', String(showcaseFormat.maxClipSeconds), '-i', generated.path, '-map', '0:v:0', '-f', 'null', '-'],
        {
          ffmpegPath: tools.ffmpegPath,
        },
      ),
    );
    log(
      `  ${fmtMB(info.sizeBytes ?? 0)}, decode-only of the first ≤ 30 s: ${decode.wallSeconds.toFixed(1)} s wall, ${fmtCpu(decode.cpuSeconds)}`,
    );
    inputRecords.push({
      sizeMB,
      file: relative(repoRoot, generated.path),
      bytes: info.sizeBytes ?? 0,
      durationSeconds: info.durationSeconds,
      width: info.video?.width ?? 0,
      height: info.video?.height ?? 0,
      codec: info.video?.codec ?? '',
      videoKbps: videoKbps(spec),
      hasAudio: info.hasAudio,
      generatedSeconds: generated.generatedSeconds === null ? null : round(generated.generatedSeconds, 1),
      referenceSeconds: referenceSeconds === null ? null : round(referenceSeconds, 1),
      decodeFirst30s: costOf(decode),
    });
  }
  return { inputs, inputRecords };
}

/** Sequential, one job at a time; for each video every pipeline runs back to back on the same input. */
async function timeRuns(
  options: Options,
  inputs: Map<number, PreparedInput>,
  pipelines: readonly Pipeline[],
  runDir: string,
  tools: MediaTools,
): Promise<RunRecord[]> {
  const runs: RunRecord[] = [];
  const outDir = join(runDir, 'out');
  const keepDir = join(runDir, 'keep');
  await mkdir(outDir, { recursive: true });
  await mkdir(keepDir, { recursive: true });
  const total = options.videos * pipelines.length;
  for (let video = 0; video < options.videos; video += 1) {
    const sizeMB = options.sizes[video % options.sizes.length]!;
    const input = inputs.get(sizeMB)!;
    for (const pipeline of pipelines) {
      const outputPath = join(outDir, `${pipeline.id}-${video}.mp4`);
      const posterPath = join(outDir, `${pipeline.id}-${video}.jpg`);
      const sample = await measure(() => pipeline.run(input, outputPath, posterPath));
      const output = await probe(outputPath, { ffprobePath: tools.ffprobePath });
      const record: RunRecord = {
        pipeline: pipeline.id,
        video: video + 1,
        sizeMB,
        inputBytes: input.info.sizeBytes ?? 0,
        ...costOf(sample),
        loadBefore: sample.loadBefore,
        loadAfter: sample.loadAfter,
        outputBytes: (await stat(outputPath)).size,
        outputSeconds: output.durationSeconds,
        ...sample.value,
      };
      runs.push(record);
      log(
        `[${runs.length}/${total}] ${pipeline.id.padEnd(5)} ${sizeMB} MB: ${record.wallSeconds.toFixed(1)} s wall, ` +
          `${fmtCpu(record.cpuSeconds)}, load ${fmtLoad(sample.loadBefore)} → ${fmtLoad(sample.loadAfter)}`,
      );
      const kept = join(keepDir, `${pipeline.id}-${sizeMB}.mp4`);
      if (!(await exists(kept))) await rename(outputPath, kept);
      await rm(outputPath, { force: true });
      await rm(posterPath, { force: true });
    }
  }
  return runs;
}

/**
 * Throughput rounds: in each, the same videos are made by the floor (one process at a time) and
 * by ours at every concurrency, one batch after the other. The order rotates each round so no
 * batch always runs first or last; the ratios pair batches of the same round.
 */
async function timeRounds(
  options: Options,
  inputs: Map<number, PreparedInput>,
  contenders: { ours: Pipeline; floor: Pipeline },
  runDir: string,
): Promise<BatchRecord[]> {
  const batches: BatchRecord[] = [];
  const kinds = [
    { pipeline: contenders.floor, concurrency: 1 },
    ...options.concurrencies.map((concurrency) => ({ pipeline: contenders.ours, concurrency })),
  ];
  for (let round = 1; round <= options.rounds; round += 1) {
    const shift = (round - 1) % kinds.length;
    for (const kind of [...kinds.slice(shift), ...kinds.slice(0, shift)]) {
      batches.push(await timeBatch({ ...kind, round }, options, inputs, runDir));
    }
  }
  return batches;
}

/** One batch: `options.batchVideos` videos through `pipeline`, `concurrency` jobs at a time. */
async function timeBatch(
  batch: { pipeline: Pipeline; concurrency: number; round: number },
  options: Options,
  inputs: Map<number, PreparedInput>,
  runDir: string,
): Promise<BatchRecord> {
  const { pipeline, concurrency } = batch;
  const queue = Array.from({ length: options.batchVideos }, (_, video) => ({
    video,
    input: inputs.get(options.sizes[video % options.sizes.length]!)!,
  }));
  const outDir = join(runDir, 'batch');
  await mkdir(outDir, { recursive: true });
  const lane = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const outputPath = join(outDir, `${pipeline.id}-${job.video}.mp4`);
      const posterPath = join(outDir, `${pipeline.id}-${job.video}.jpg`);
      await pipeline.run(job.input, outputPath, posterPath);
      await Promise.all([rm(outputPath, { force: true }), rm(posterPath, { force: true })]);
    }
  };
  const sample = await measure(() => Promise.all(Array.from({ length: concurrency }, lane)));
  const record: BatchRecord = {
    round: batch.round,
    pipeline: pipeline.id === 'floor' ? 'floor' : 'ours',
    concurrency,
    videos: options.batchVideos,
    ...costOf(sample),
    videosPerMinute: round(options.batchVideos / (sample.wallSeconds / 60), 2),
    coresBusy: sample.cpuSeconds === null ? null : round(sample.cpuSeconds / sample.wallSeconds, 2),
    loadBefore: sample.loadBefore,
    loadAfter: sample.loadAfter,
  };
  log(
    `round ${batch.round}: ${pipeline.id === 'floor' ? 'floor' : `ours ×${concurrency}`} ${record.wallSeconds.toFixed(1)} s for ` +
      `${record.videos} video(s) → ${record.videosPerMinute.toFixed(2)} videos/min, ${fmtCpu(record.cpuSeconds)}, ` +
      `load ${fmtLoad(sample.loadBefore)} → ${fmtLoad(sample.loadAfter)}`,
  );
  return record;
}

/** SSIM/PSNR of one output per pipeline and size (x264 is deterministic, repeats give the same bytes). */
async function measureQuality(
  inputs: Map<number, PreparedInput>,
  pipelines: readonly Pipeline[],
  runDir: string,
  tools: MediaTools,
): Promise<QualityRecord[]> {
  const quality: QualityRecord[] = [];
  for (const [sizeMB, input] of inputs) {
    const clipSeconds = Math.min(input.info.durationSeconds ?? 0, showcaseFormat.maxClipSeconds);
    for (const pipeline of pipelines) {
      const kept = join(runDir, 'keep', `${pipeline.id}-${sizeMB}.mp4`);
      if (!(await exists(kept))) continue;
      const scores = await compareQuality(
        tools.ffmpegPath,
        kept,
        showcaseFormat.bumperSeconds,
        clipSeconds,
        input.referencePath,
      );
      quality.push({ pipeline: pipeline.id, sizeMB, ...scores });
      log(`quality ${pipeline.id} ${sizeMB} MB: SSIM ${scores.ssim.toFixed(4)}, PSNR ${scores.psnr.toFixed(2)} dB`);
    }
  }
  return quality;
}

function oursPipeline(
  id: PipelineId,
  label: string,
  preset: X264Preset,
  crf: number,
  runDir: string,
  tools: MediaTools,
): Pipeline {
  const settings =
    id === 'ours'
      ? { bumperCacheDir: join(runDir, 'bumpers') }
      : { preset, crf, bumperCacheDir: join(runDir, 'bumpers') };
  return {
    id,
    label,
    preset,
    crf,
    description:
      'renderShowcase as the worker calls it: probe + validate, the first 30 s encoded once (input-side -t 30), ' +
      'poster tapped from the same pass, stream-copy join with the cached bumpers, output checks',
    async run(input, outputPath, posterPath) {
      const workDir = join(runDir, 'work');
      await mkdir(workDir, { recursive: true });
      const marks: [string, number][] = [['prepare', performance.now()]];
      const result = await renderShowcase({
        inputPath: input.path,
        outputPath,
        posterPath,
        workDir,
        settings,
        tools,
        onProgress: ({ stage }: { stage: ShowcaseStage }) => {
          if (marks.at(-1)?.[0] !== stage) marks.push([stage, performance.now()]);
        },
      });
      const end = performance.now();
      const stages: Record<string, number> = {};
      marks.forEach(([stage, at], index) => {
        const next = marks[index + 1]?.[1] ?? end;
        stages[stage] = round((stages[stage] ?? 0) + (next - at) / 1000, 2);
      });
      return { method: result.method, stages };
    },
  };
}

function naivePipeline(tools: MediaTools): Pipeline {
  return {
    id: 'naive',
    label: `naive one-pass (${naiveSettings.preset}, CRF ${naiveSettings.crf})`,
    preset: naiveSettings.preset,
    crf: naiveSettings.crf,
    description:
      'one ffmpeg command: the whole input decoded (trim inside the graph), opening + clip + closing ' +
      'rendered in one filter graph (concat), everything re-encoded at preset medium; no poster, no checks',
    async run(input, outputPath) {
      await runFfmpeg(buildNaiveCommand(input.info, { inputPath: input.path, outputPath }), {
        ffmpegPath: tools.ffmpegPath,
      });
      return {};
    },
  };
}

/**
 * The floor: the clip part of our output made by one bare ffmpeg process with every core (threads
 * 0) — the product's own clip command (input-side -t 30, same fit, pad, watermark, preset, CRF and
 * decode options) without the poster tap, and nothing around it: no probe, no bumpers or join
 * (the output is the clip alone), no checks, no storing. No pipeline making our output can be faster.
 */
function floorPipeline(settings: ShowcaseSettings, tools: MediaTools): Pipeline {
  return {
    id: 'floor',
    label: `floor: one bare ffmpeg (${settings.preset}, CRF ${settings.crf})`,
    preset: settings.preset,
    crf: settings.crf,
    description:
      "one ffmpeg process with every core making our clip: the product's clip command (first 30 s read with " +
      'input-side -t, same filters and watermark, same preset, CRF and decode options, threads 0) without the ' +
      'poster; no probe, bumpers, join, checks or storing',
    async run(input, outputPath) {
      await runFfmpeg(
        buildClipCommand(input.info, settings, { inputPath: input.path, logoPath: anbLogoPath, outputPath }),
        { ffmpegPath: tools.ffmpegPath },
      );
      return {};
    },
  };
}

function machineInfo(tools: MediaTools, start: LoadAverages): BenchResult['machine'] {
  const ffmpegVersion = execFileSync(tools.ffmpegPath, ['-version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
  return {
    hostname: hostname(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    ffmpeg: ffmpegVersion.replace(/ Copyright.*/, ''),
    ffmpegPath: tools.ffmpegPath,
    loadAverages: { start, end: start },
  };
}

function costOf(sample: Sample<unknown>) {
  return {
    wallSeconds: round(sample.wallSeconds, 2),
    cpuSeconds: sample.cpuSeconds === null ? null : round(sample.cpuSeconds, 2),
  };
}

function log(message: string): void {
  console.log(`${new Date().toISOString().slice(11, 19)} ${message}`);
}

function fmtLoad(load: LoadAverages): string {
  return load.map((value) => value.toFixed(2)).join('/');
}

function fmtCpu(cpuSeconds: number | null): string {
  return cpuSeconds === null ? 'CPU n/a' : `${cpuSeconds.toFixed(1)} CPU-s`;
}

function fmtMB(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

await main();
