import { FALLBACK_PER_CORE } from './assumptions.ts';
import { benchFigures } from './worker-bench.ts';
import type { SelectedRuns } from './targets.ts';
import type { Json } from './types.ts';

/** A figure of the model and where it comes from. */
export interface Figure {
  value: number;
  basis: 'measured' | 'assumed';
  /** The run it was measured in, or why it is assumed. */
  from: string;
}

export type PerCoreName = keyof typeof FALLBACK_PER_CORE;
export type PerCoreFigures = Record<PerCoreName, Figure>;

/** What each figure is, for the report. */
export const PER_CORE_LABELS: Record<PerCoreName, string> = {
  uploadCoreSeconds4mb: 'API core-seconds per 4 MB upload',
  uploadCoreSeconds100mb: 'API core-seconds per 100 MB upload',
  readApiCoreSeconds: 'API core-seconds per public read (rankings, gallery)',
  readDbCoreSeconds: 'database core-seconds per public read',
  voteApiCoreSeconds: 'API core-seconds per vote',
  voteDbCoreSeconds: 'database core-seconds per vote',
  voteCapacityPerSecond: 'votes/s the database commits (spread, closed loop)',
  bcryptComparesPerCoreSecond: 'bcrypt compares per core-second',
  bcryptCost: 'bcrypt cost of those compares',
  sharePageCoreSeconds: 'API core-seconds per shared-page request',
  workerCoreSecondsPerVideo: 'core-seconds per published video (worker)',
  clipMb: 'MB of a published clip',
};

const cores = (pct: unknown) => (typeof pct === 'number' ? pct / 100 : NaN);
const usable = (value: number) => Number.isFinite(value) && value > 0;

/**
 * The cost of each kind of work in core-seconds of this machine, from the included runs: the API's
 * own CPU (sampled inside its process) over what it served, and PostgreSQL's as the machine's CPU
 * minus the API's and the load generator's (so anything else running is counted as database).
 */
export function perCoreFigures(runs: SelectedRuns): PerCoreFigures {
  const found: Partial<Record<PerCoreName, { value: number; from: string }>> = {};
  const put = (name: PerCoreName, value: number, from: string | undefined) => {
    if (from && usable(value)) found[name] = { value, from };
  };

  const s1 = runs.s1;
  const step: Json = (s1?.data.steps ?? []).at(-1);
  if (step) put('uploadCoreSeconds4mb', cores(step.serverHold?.apiCpuPct) / step.hold.rps, s1?.file);

  const memory = runs.memory;
  if (memory?.data.seconds) {
    const d = memory.data;
    put('uploadCoreSeconds100mb', (cores(d.machine?.apiCpuPct) * d.seconds) / (d.uploads * d.rounds), memory.file);
  }

  const mix = runs['read-mix'];
  const [spreadCapacity]: Json[] = mix?.data.voteCapacity ?? [];
  const machineCores = (window: Json, total: number) => cores(window?.systemCpuPct) * total;
  if (mix && spreadCapacity) {
    const api = cores(spreadCapacity.server?.apiCpuPct);
    const db = Math.max(
      0,
      machineCores(spreadCapacity.machine, mix.cores) - api - cores(spreadCapacity.machine?.generatorCpuPct),
    );
    put('voteApiCoreSeconds', api / spreadCapacity.votesPerSecond, mix.file);
    put('voteDbCoreSeconds', db / spreadCapacity.votesPerSecond, mix.file);
    put('voteCapacityPerSecond', spreadCapacity.votesPerSecond, mix.file);
    const phase: Json = (mix.data.phases ?? [])[0];
    if (phase) {
      const reads = phase.rankings.rps + phase.listing.rps;
      const votes = phase.votes.countedPerSecond;
      const phaseApi = cores(phase.server?.apiCpuPct);
      const phaseDb = machineCores(phase.machine, mix.cores) - phaseApi - cores(phase.machine?.generatorCpuPct);
      put('readApiCoreSeconds', (phaseApi - votes * (found.voteApiCoreSeconds?.value ?? 0)) / reads, mix.file);
      put('readDbCoreSeconds', (phaseDb - votes * (found.voteDbCoreSeconds?.value ?? 0)) / reads, mix.file);
    }
  }

  const login = runs.login;
  if (login) {
    const parallel = Math.min(login.data.rawBcrypt?.parallel ?? login.cores, login.cores);
    // Other work on the machine can only slow bcrypt down: the faster of the two raw measurements is the closer one.
    const raw = Math.max(login.data.rawBcrypt?.before ?? 0, login.data.rawBcrypt?.after ?? 0);
    put('bcryptComparesPerCoreSecond', raw / parallel, login.file);
    put('bcryptCost', login.data.cost, login.file);
  }

  const share = runs.share;
  if (share) {
    const d = share.data;
    // Half the visitors are phones that also read the API: 1.5 requests a visitor.
    put('sharePageCoreSeconds', (cores(d.server?.apiCpuPct) * d.seconds) / (d.visitors * 1.5), share.file);
  }

  const s2 = runs.s2;
  const s2Runs: Json[] = s2?.data.runs ?? [];
  const busiest = s2Runs.filter((run) => run.videosPerMinute > 0).sort((a, b) => b.concurrency - a.concurrency)[0];
  if (s2 && busiest) {
    put(
      'workerCoreSecondsPerVideo',
      (machineCores(busiest.machine, s2.cores) * 60) / busiest.videosPerMinute,
      `${s2.file} (${busiest.size}, ${busiest.concurrency} jobs)`,
    );
  } else if (runs['worker-bench']) {
    // The product's whole process tree per published video when the bench measured it, else renderShowcase alone.
    const bench = benchFigures(runs['worker-bench'].data.bench);
    const perVideo = bench.endToEndCpuSecondsPerVideo ?? bench.oursCpuSecondsPerVideo;
    if (perVideo) put('workerCoreSecondsPerVideo', perVideo, runs['worker-bench'].file);
  }
  if (runs['worker-bench']) {
    const bench = benchFigures(runs['worker-bench'].data.bench);
    if (bench.outputMb) put('clipMb', bench.outputMb, runs['worker-bench'].file);
  }

  const figures = {} as PerCoreFigures;
  for (const name of Object.keys(FALLBACK_PER_CORE) as PerCoreName[]) {
    const measured = found[name];
    figures[name] = measured
      ? { value: measured.value, basis: 'measured', from: measured.from }
      : { value: FALLBACK_PER_CORE[name], basis: 'assumed', from: 'no included run measured it' };
  }
  return figures;
}
