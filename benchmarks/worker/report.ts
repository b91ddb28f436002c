import type { LoadAverages } from './measure.ts';
import { mean } from './measure.ts';
import type {
  BatchRecord,
  FloorShare,
  PairRatios,
  PipelineDescription,
  PipelineSummary,
  QualityRecord,
  RunRecord,
} from './summary.ts';
import type { floorFigures } from './summary.ts';
import { fixed, table } from './summary.ts';
import { renderEndToEnd } from './end-to-end-report.ts';
import type { EndToEndRecord } from './end-to-end-report.ts';

export interface OneTimeCost {
  what: string;
  wallSeconds: number;
  cpuSeconds: number | null;
}

export interface InputRecord {
  sizeMB: number;
  file: string;
  bytes: number;
  durationSeconds: number | null;
  width: number;
  height: number;
  codec: string;
  videoKbps: number;
  hasAudio: boolean;
  /** Seconds spent generating it in this run; null when it came from the cache. */
  generatedSeconds: number | null;
  referenceSeconds: number | null;
  /** Decoding only the first 30 s (what any pipeline must at least do). */
  decodeFirst30s: { wallSeconds: number; cpuSeconds: number | null };
}

export interface BenchResult {
  generatedAt: string;
  finishedAt: string;
  command: string;
  machine: {
    hostname: string;
    cpuModel: string;
    cores: number;
    node: string;
    ffmpeg: string;
    ffmpegPath: string;
    loadAverages: { start: LoadAverages; end: LoadAverages };
  };
  settings: Record<string, unknown>;
  pipelines: PipelineDescription[];
  inputs: InputRecord[];
  oneTime: OneTimeCost[];
  runs: RunRecord[];
  quality: QualityRecord[];
  summaries: PipelineSummary[];
  /** Throughput rounds: the floor and ours at each concurrency (absent with --rounds 0). */
  batches?: BatchRecord[];
  floor?: ReturnType<typeof floorFigures>;
  floorShares?: FloorShare[];
  ratios: { naiveOverOurs: PairRatios; naiveOverAlt?: PairRatios };
  /** N videos through the running product against the bare-ffmpeg floor (absent with --no-end-to-end). */
  endToEnd?: EndToEndRecord;
}

const targets = { videosPerMinute: 5, ssim: 0.95, speedup: 2, floorShare: 0.95 };

export function renderMarkdown(result: BenchResult): string {
  const { machine, runs } = result;
  const ours = result.summaries.find((summary) => summary.pipeline === 'ours')!;
  const alt = result.summaries.find((summary) => summary.pipeline === 'alt');
  const ratios = result.ratios.naiveOverOurs;
  const oneMinuteLoads = [...runs, ...(result.batches ?? [])].flatMap((timed) => [
    timed.loadBefore[0],
    timed.loadAfter[0],
  ]);
  const atDefault = result.floorShares?.find((share) => share.isDefault);
  const loadRange = `${Math.min(...oneMinuteLoads).toFixed(1)}–${Math.max(...oneMinuteLoads).toFixed(1)}`;
  const decodeCpu = mean(result.inputs.flatMap((input) => input.decodeFirst30s.cpuSeconds ?? []));
  const cpuCeiling = ours.meanCpuSeconds ? (60 * machine.cores) / ours.meanCpuSeconds : null;
  const oursMbps = mean(
    runs
      .filter((run) => run.pipeline === 'ours' && run.outputSeconds)
      .map((run) => (run.outputBytes * 8) / 1e6 / run.outputSeconds!),
  );
  const presetOf = (id: string) => result.pipelines.find((pipeline) => pipeline.id === id);

  const mainRows = result.summaries
    .filter((summary) => summary.pipeline !== 'alt')
    .map((summary) => summaryRow(summary, presetOf(summary.pipeline)));
  const perSize = result.inputs.map((input) => {
    const of = (id: string) => runs.filter((run) => run.pipeline === id && run.sizeMB === input.sizeMB);
    const wall = (id: string) => mean(of(id).map((run) => run.wallSeconds));
    const cpu = (id: string) => mean(of(id).flatMap((run) => run.cpuSeconds ?? []));
    const q = (id: string) => result.quality.find((entry) => entry.pipeline === id && entry.sizeMB === input.sizeMB);
    return [
      `${input.sizeMB} MB (${(input.bytes / 1e6).toFixed(1)} MB)`,
      String(of('ours').length),
      fixed(wall('ours'), 1),
      fixed(wall('naive'), 1),
      `${fixed(wall('naive') / wall('ours'), 2)}×`,
      fixed(cpu('ours'), 1),
      fixed(cpu('naive'), 1),
      fixed(input.decodeFirst30s.cpuSeconds, 1),
      fixed(q('ours')?.ssim ?? null, 4),
      fixed(q('naive')?.ssim ?? null, 4),
    ];
  });
  const stageNames = [
    ...new Set(runs.flatMap((run) => (run.pipeline === 'ours' ? Object.keys(run.stages ?? {}) : []))),
  ];
  const stageRow = stageNames.map((stage) =>
    fixed(mean(runs.filter((run) => run.pipeline === 'ours').map((run) => run.stages?.[stage] ?? 0)), 2),
  );

  const verdict = (met: boolean) => (met ? '**met**' : '**missed**');
  const throughputMet = ours.videosPerMinute >= targets.videosPerMinute;
  const defaultMet = atDefault !== undefined && atDefault.medianVideosPerMinute >= targets.videosPerMinute;
  const defaultNote = atDefault
    ? `; median ${atDefault.medianVideosPerMinute.toFixed(2)} videos/min at the default, ${atDefault.concurrency} jobs at a time → ${verdict(defaultMet)}`
    : '';
  const ssimMet = ours.minSsim !== null && ours.minSsim >= targets.ssim;
  const speedupMet = ratios.medianWallRatio >= targets.speedup;

  const lines = [
    '# Worker benchmark: the product end to end against the bare-ffmpeg floor, and our pipeline vs a naive one-pass re-encode',
    '',
    `Generated by \`${result.command}\` (benchmarks/worker/worker-bench.ts), ${result.generatedAt} → ${result.finishedAt}.`,
    'Raw figures: [`worker-bench.json`](worker-bench.json).',
    '',
    '## Machine',
    '',
    `- ${machine.cpuModel}, ${machine.cores} cores; Node ${machine.node}; ${machine.ffmpeg}.`,
    `- Load averages (1/5/15 min): ${fmtLoad(machine.loadAverages.start)} at the start, ${fmtLoad(machine.loadAverages.end)} at the end; ` +
      `the 1-min load around the timed jobs ranged ${loadRange} on ${machine.cores} cores.`,
    "- The machine is shared: other work may run at the same time (the load average counts ffmpeg's own threads too), so wall " +
      'times are noisy. The ratios between pipelines, measured on the same input back to back, and the ' +
      'CPU seconds per video are the robust figures; absolute videos/min is a lower bound for this machine.',
    '',
    ...(result.endToEnd ? renderEndToEnd(result.endToEnd) : []),
    '## Inputs',
    '',
    'Generated with ffmpeg lavfi and cached under `.tmp/worker-bench/` (not committed; `inputs.ts`): 1920×1080, 30 fps, ' +
      'testsrc2 blended with a Game-of-Life texture that changes 6 times a second, drawn 25 % larger than the frame and ' +
      `panned across it (camera motion), temporal noise of strength ${String(result.settings.inputGrain)} (sensor grain), ` +
      'H.264 High at constant bitrate (the two sizes differ only by bitrate) + AAC stereo 128 kbit/s.',
    '',
    table(
      ['input', 'bytes', 'duration s', 'video kbit/s', 'audio', 'decode-only (first ≤ 30 s): wall s', 'CPU-s'],
      result.inputs.map((input) => [
        `${input.sizeMB} MB`,
        String(input.bytes),
        fixed(input.durationSeconds, 2),
        String(input.videoKbps),
        input.hasAudio ? 'AAC' : 'none',
        fixed(input.decodeFirst30s.wallSeconds, 1),
        fixed(input.decodeFirst30s.cpuSeconds, 1),
      ]),
    ),
    '',
    '## Results',
    '',
    `One job at a time, ${ours.videos} video(s) per pipeline, ` +
      `interleaved (${String(result.settings.order).replace('interleaved per video: ', '')} on each input in turn). ` +
      "videos/min = videos ÷ the summed wall time of that pipeline's jobs. SSIM/PSNR: the clip part of the output " +
      `(from 2.5 s, for the clip's length, ≤ 30 s) against a reference encode of the same clip at preset slow, CRF 18; lowest over the input sizes.`,
    '',
    table(summaryHeader, mainRows),
    '',
    `Naive ÷ ours, same input back to back: wall time per video ${ratios.wallRatios.map((r) => `${r.toFixed(2)}×`).join(', ')} ` +
      `(median **${ratios.medianWallRatio.toFixed(2)}×**); CPU seconds median ${fixed(ratios.medianCpuRatio, 2)}×; ` +
      `throughput over the whole run ${ratios.throughputRatio.toFixed(2)}×.`,
    '',
    'Per input size (means):',
    '',
    table(
      [
        'input',
        'videos',
        'ours s',
        'naive s',
        'naive/ours',
        'ours CPU-s',
        'naive CPU-s',
        'decode-only CPU-s',
        'ours SSIM',
        'naive SSIM',
      ],
      perSize,
    ),
    '',
    `Where our service time goes (mean wall seconds per stage of \`renderShowcase\`; "clip" includes the header checks before the join):`,
    '',
    table(stageNames, [stageRow]),
    '',
    'One-time costs, not included in the per-video figures above:',
    '',
    ...result.oneTime.map(
      (cost) =>
        `- ${cost.what}: ${cost.wallSeconds.toFixed(1)} s wall, ${fixed(cost.cpuSeconds, 1)} CPU-s (once per run / per encoder settings).`,
    ),
    '',
    'Quality per output:',
    '',
    table(
      ['pipeline', 'input', 'SSIM (all)', 'SSIM Y', 'PSNR dB (avg)', 'PSNR Y dB'],
      result.quality.map((entry) => [
        presetOf(entry.pipeline)?.label ?? entry.pipeline,
        `${entry.sizeMB} MB`,
        entry.ssim.toFixed(4),
        entry.ssimY.toFixed(4),
        entry.psnr.toFixed(2),
        entry.psnrY.toFixed(2),
      ]),
    ),
    '',
  ];
  if (result.batches?.length && result.floor && result.floorShares) {
    lines.push(...floorSection(result.batches, result.floor, result.floorShares, runs, machine.cores));
  }
  if (alt) {
    const altRatios = result.ratios.naiveOverAlt;
    lines.push(
      '### Alternative setting (not the default; for comparison only)',
      '',
      table(summaryHeader, [summaryRow(ours, presetOf('ours')), summaryRow(alt, presetOf('alt'))]),
      '',
      altRatios
        ? `Naive ÷ alternative, per video: median ${altRatios.medianWallRatio.toFixed(2)}× wall, ${fixed(altRatios.medianCpuRatio, 2)}× CPU.`
        : '',
      '',
    );
  }
  lines.push(
    '## Targets (on a 2-core machine)',
    '',
    `- ≥ ${targets.videosPerMinute} videos/min at default quality: ${ours.videosPerMinute.toFixed(2)} videos/min one job at a time ` +
      `→ ${verdict(throughputMet)}${defaultNote}.`,
    ...(atDefault
      ? [
          `- ≥ ${percent(targets.floorShare)} of the floor at the default concurrency (${atDefault.concurrency}): ` +
            `median ${percent(atDefault.medianShare)} → ${verdict(atDefault.medianShare >= targets.floorShare)}.`,
        ]
      : []),
    `- SSIM ≥ ${targets.ssim}: lowest ${fixed(ours.minSsim, 4)} → ${verdict(ssimMet)}.`,
    `- ≥ ${targets.speedup}× the naive pipeline: median per-video ratio ${ratios.medianWallRatio.toFixed(2)}× ` +
      `(CPU ${fixed(ratios.medianCpuRatio, 2)}×, whole-run throughput ${ratios.throughputRatio.toFixed(2)}×) → ${verdict(speedupMet)}.`,
    '',
  );
  if (!speedupMet) {
    const naive = result.summaries.find((summary) => summary.pipeline === 'naive');
    const beyondDecode =
      naive?.meanCpuSeconds && ours.meanCpuSeconds
        ? (naive.meanCpuSeconds - decodeCpu) / (ours.meanCpuSeconds - decodeCpu)
        : null;
    const withWholeDecode =
      naive?.meanCpuSeconds && ours.meanCpuSeconds
        ? (naive.meanCpuSeconds + decodeCpu / 3) / ours.meanCpuSeconds
        : null;
    lines.push(
      '### Why the speedup is below 2×',
      '',
      `- Both pipelines decode the same first 30 s of 1080p (${fixed(decodeCpu, 1)} CPU-s, measured decode-only). ` +
        `Beyond that shared floor the naive pipeline costs ${fixed(beyondDecode, 2)}× our CPU time ` +
        `(preset ${presetOf('naive')?.preset ?? '?'} instead of ${presetOf('ours')?.preset ?? '?'}, bumpers re-encoded); the shared decode dilutes the whole-job ratio.`,
      '- With ffmpeg 5.1 the naive command stops reading the upload when the in-graph `trim` ends (902 of 1200 frames ' +
        `decoded, checked with \`-v verbose\`), so it does not decode the whole input. Decoding the last 10 s ` +
        `too would add about a third of the decode-only figure, which would put the CPU ratio near ${fixed(withWholeDecode, 2)}× ` +
        '(an estimate, not measured).',
      '',
    );
  }
  if (!throughputMet && !defaultMet) {
    lines.push(
      '### Why the throughput target is missed',
      '',
      `- Our pipeline costs ${fixed(ours.meanCpuSeconds, 1)} CPU-s per video. Decoding the used part (first ≤ 30 s) of the 1080p input ` +
        `alone costs ${fixed(decodeCpu, 1)} CPU-s (decode-only run above), ${ours.meanCpuSeconds ? Math.round((100 * decodeCpu) / ours.meanCpuSeconds) : '–'} % of it; ` +
        'the rest is scaling, the watermark and the 720p x264 encode.',
      `- The synthetic inputs are hard to encode (dense texture changing 6×/s plus grain): our output averages ` +
        `${fixed(oursMbps, 1)} Mbit/s at CRF 23, more than typical phone footage gives; on easier footage the encode costs less.`,
      `- Even with both cores to itself and kept fully busy, ${fixed(ours.meanCpuSeconds, 1)} CPU-s means at most ` +
        `${fixed(cpuCeiling, 1)} videos/min (estimate from CPU time, not a measurement).`,
      `- The job kept ${fixed(ours.meanCoresBusy, 2)} cores busy on average while the 1-min load was ${loadRange} on ${machine.cores} cores: ` +
        'it got only part of the machine, which is what the wall-time figure measures.',
      '',
    );
  }
  lines.push(
    '## Method',
    '',
    ...result.pipelines.map((pipeline) => `- **${pipeline.label}**: ${pipeline.description}.`),
    '- The naive command is built by `benchmarks/worker/naive-command.ts` (argument array), not by `buildOnePassCommand`: ' +
      "that is our own fallback and already reads only the first 30 s. Both use the package's filters and encoder options, so " +
      'the outputs are the same picture and differ only by pipeline and preset.',
    '- CPU seconds are the user+system time of the child processes (ffmpeg, ffprobe), from `cutime`/`cstime` in ' +
      '`/proc/self/stat` read before and after each job. Load averages are recorded before and after every job (JSON).',
    '- Output files are deleted after each job except one per pipeline and size, kept for the quality comparison. ' +
      'x264 is deterministic, so repeats of the same input produce the same output.',
    '',
  );
  return lines.join('\n');
}

const summaryHeader = [
  'pipeline',
  'videos',
  'videos/min',
  'mean s',
  'median s',
  'min–max s',
  'CPU-s/video',
  'cores busy',
  'output MB',
  'SSIM',
  'PSNR dB',
];

function summaryRow(summary: PipelineSummary, pipeline: PipelineDescription | undefined): string[] {
  return [
    pipeline?.label ?? summary.label,
    String(summary.videos),
    summary.videosPerMinute.toFixed(2),
    summary.meanServiceSeconds.toFixed(1),
    summary.medianServiceSeconds.toFixed(1),
    `${summary.minServiceSeconds.toFixed(1)}–${summary.maxServiceSeconds.toFixed(1)}`,
    fixed(summary.meanCpuSeconds, 1),
    fixed(summary.meanCoresBusy, 2),
    summary.meanOutputMB.toFixed(2),
    fixed(summary.minSsim, 4),
    fixed(summary.minPsnr, 2),
  ];
}

function floorSection(
  batches: readonly BatchRecord[],
  floor: NonNullable<BenchResult['floor']>,
  shares: readonly FloorShare[],
  runs: readonly RunRecord[],
  cores: number,
): string[] {
  const videos = batches[0]?.videos ?? 0;
  const atDefault = shares.find((share) => share.isDefault);
  const floorRounds = batches.filter((batch) => batch.pipeline === 'floor');
  const rows = [
    [
      'floor: one bare ffmpeg, one video after the other',
      floorRounds.map((batch) => batch.videosPerMinute.toFixed(2)).join(', '),
      `**${floor.medianVideosPerMinute.toFixed(2)}**`,
      '100 %',
      fixed(floor.medianCpuSecondsPerVideo, 1),
      '100 %',
      fixed(floor.medianCoresBusy, 2),
    ],
    ...shares.map((share) => {
      const mine = batches.filter((batch) => batch.pipeline === 'ours' && batch.concurrency === share.concurrency);
      return [
        `ours, ${share.concurrency} job${share.concurrency === 1 ? '' : 's'} at a time${share.isDefault ? ` (**default**: the ${cores} CPUs given)` : ''}`,
        mine.map((batch) => batch.videosPerMinute.toFixed(2)).join(', '),
        `**${share.medianVideosPerMinute.toFixed(2)}**`,
        `${share.shares.map(percent).join(', ')} → **${percent(share.medianShare)}**`,
        fixed(share.medianCpuSecondsPerVideo, 1),
        share.medianCpuShare === null
          ? '–'
          : `${share.cpuShares.map(percent).join(', ')} → ${percent(share.medianCpuShare)}`,
        fixed(share.medianCoresBusy, 2),
      ];
    }),
  ];
  const sequential = runs.filter((run) => run.pipeline === 'ours');
  const stageMean = (stage: string) => mean(sequential.map((run) => run.stages?.[stage] ?? 0));
  const serviceMean = mean(sequential.map((run) => run.wallSeconds));
  const aroundEncode = serviceMean - stageMean('clip');
  const oneJob = shares.find((share) => share.concurrency === 1);
  const lines = [
    `## Against the floor: the product 1, 2, 3… jobs at a time`,
    '',
    `${floor.rounds} round(s); in each, the same ${videos} videos (the sizes in turn) are made by the floor and by ours at every ` +
      'concurrency, one batch after the other, the order rotating by one each round. The floor is the clip part of our ' +
      'output made by one bare ffmpeg process with every core (Method below). videos/min = videos ÷ the batch wall time ' +
      '(first start to last end); share = ours ÷ floor videos/min of the same round, so a slow minute on the shared machine moves both sides of a ratio; medians over the rounds.',
    '',
    table(
      [
        'run',
        'videos/min per round',
        'median videos/min',
        'share of the floor per round → median',
        'CPU-s/video',
        'floor CPU-s ÷ ours per round → median',
        'cores busy',
      ],
      rows,
    ),
    '',
  ];
  if (atDefault) {
    const gapPoints = (100 * (targets.floorShare - atDefault.medianShare)).toFixed(1);
    lines.push(
      `The default (${atDefault.concurrency} job${atDefault.concurrency === 1 ? '' : 's'} at a time, the CPUs given) reaches ` +
        `**${percent(atDefault.medianShare)} of the floor** (target ≥ ${percent(targets.floorShare)}` +
        `${atDefault.medianShare >= targets.floorShare ? ', met' : `, missed by ${gapPoints} points`}); ` +
        `per video it costs ${fixed(atDefault.medianCpuSecondsPerVideo, 1)} CPU-s against the floor's ` +
        `${fixed(floor.medianCpuSecondsPerVideo, 1)} (floor ÷ ours ${atDefault.medianCpuShare === null ? '–' : percent(atDefault.medianCpuShare)}). ` +
        'On a machine shared with other work the videos/min share also counts how much of the machine a batch took ' +
        'from that work: several processes get a larger slice than one (cores busy column), which can put a share ' +
        'above 100 %. The CPU ratio does not depend on it: it measures only the work per video.',
      '',
    );
  }
  if (oneJob) {
    lines.push(
      `Where a single job loses against the floor: a job of ours one at a time spends ${fixed(serviceMean, 2)} s, of which ` +
        `${fixed(stageMean('clip'), 2)} s in the clip pass (the encode, with the poster tapped from it) and ` +
        `${fixed(aroundEncode, 2)} s around it (probe + validate ${fixed(stageMean('prepare') + stageMean('probe'), 2)} s, ` +
        `join + output checks ${fixed(stageMean('join') + stageMean('verify'), 2)} s; sequential runs above), when one or both cores idle. ` +
        `Its CPU-s/video (${fixed(oneJob.medianCpuSecondsPerVideo, 1)}) against the floor's (${fixed(floor.medianCpuSecondsPerVideo, 1)}) ` +
        'is the extra work (probe, poster, join, checks). A second job fills the idle moments; on a quiet machine a job ' +
        'more than the CPUs has no idle CPU left to fill. Storing (upload of output and poster) and the database are not part of this bench: ' +
        'they run outside `renderShowcase` (scenario 2 of the load tests measures them).',
      '',
    );
  }
  return lines;
}

function percent(share: number): string {
  return `${(100 * share).toFixed(1)} %`;
}

function fmtLoad(load: LoadAverages): string {
  return load.map((value) => value.toFixed(2)).join(' / ');
}
