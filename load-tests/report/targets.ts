import { floorShare } from './worker-bench.ts';
import type { Json, RunRecord, TargetVerdict } from './types.ts';

/** The runs the report uses, one per scenario id (undefined: none included). */
export type SelectedRuns = Partial<Record<string, RunRecord>>;

const notMeasured = (target: string, why = 'no run included'): TargetVerdict => ({
  target,
  figure: why,
  verdict: 'not measured',
  run: '–',
});

const verdict = (met: boolean) => (met ? 'met' : 'missed');

function scenario1(run: RunRecord | undefined): TargetVerdict {
  const target = 'Scenario 1: 4 MB uploads, 100 closed-loop users (1 s think): p95 ≤ 1 s, 0 errors';
  if (!run) return notMeasured(target);
  const steps: Json[] = run.data.steps ?? [];
  const step = steps.find((s) => s.mode === 'closed' && s.users >= 100) ?? steps.at(-1);
  if (!step) return notMeasured(target, 'the run has no step');
  const figure = `${step.users} users: p95 ${step.hold.latencyMs.p95} ms, ${step.hold.errorPct} % errors, ${step.hold.rps} uploads/s`;
  if (step.users < 100 || step.mode !== 'closed' || run.data.size !== '4mb') {
    return {
      target,
      figure: `${figure} (a smaller run: the target is at 100 users)`,
      verdict: 'not judged',
      run: run.file,
    };
  }
  return {
    target,
    figure,
    verdict: verdict(step.hold.latencyMs.p95 <= 1000 && step.hold.errorPct === 0),
    run: run.file,
  };
}

function readMix(run: RunRecord | undefined): TargetVerdict[] {
  const reads = 'Read mix (200 readers, 200 votes/s, 80 % on one hot video): rankings and listing p95 ≤ 50 ms';
  const capacity = 'Vote capacity on one hot video ≥ 80 % of spread';
  if (!run) return [notMeasured(reads), notMeasured(capacity)];
  const phases: Json[] = run.data.phases ?? [];
  const hot = phases.find((p) => p.hot) ?? phases.at(-1);
  const full = run.data.readers >= 200 && run.data.voteRate >= 200 && run.data.hotShare >= 0.8;
  const readRow: TargetVerdict = hot
    ? {
        target: reads,
        figure: `hot phase: rankings p95 ${hot.rankings.latencyMs.p95} ms, listing p95 ${hot.listing.latencyMs.p95} ms, votes ${hot.votes.countedPerSecond}/s`,
        verdict: full ? verdict(hot.rankings.latencyMs.p95 <= 50 && hot.listing.latencyMs.p95 <= 50) : 'not judged',
        run: run.file,
      }
    : notMeasured(reads, 'the run has no hot phase');
  const [spread, hotCapacity]: Json[] = run.data.voteCapacity ?? [];
  const share = run.data.hotShareOfSpreadPct;
  const capacityRow: TargetVerdict =
    typeof share === 'number' && spread && hotCapacity
      ? {
          target: capacity,
          figure: `${hotCapacity.votesPerSecond} hot vs ${spread.votesPerSecond} spread votes/s = ${share} %`,
          verdict: verdict(share >= 80),
          run: run.file,
        }
      : notMeasured(capacity, 'the run has no capacity phase');
  return [readRow, capacityRow];
}

function login(run: RunRecord | undefined): TargetVerdict {
  const target = 'Login ≥ 90 % of raw bcrypt at the same cost';
  if (!run) return notMeasured(target);
  const d = run.data;
  const pct = d.loginVsRawBcryptPct;
  const { before, after, reference } = d.rawBcrypt ?? {};
  const figure = `${d.login?.perSecond} logins/s vs ${Math.round(reference * 10) / 10} compares/s (before ${before}, after ${after}) = ${pct} % (cost ${d.cost})`;
  // The reference is the mean of raw bcrypt before and after the logins: if those two disagree, the machine changed under the run.
  if (Math.abs(before - after) > 0.2 * Math.max(before, after)) {
    return {
      target,
      figure: `${figure}; the raw rate drifted by more than 20 % within the run`,
      verdict: 'not judged',
      run: run.file,
    };
  }
  return { target, figure, verdict: verdict(pct >= 90), run: run.file };
}

function memory(run: RunRecord | undefined): TargetVerdict {
  const target = 'API RSS < 300 MB with 20 concurrent 100 MB uploads';
  if (!run) return notMeasured(target);
  const d = run.data;
  const allAccepted = Object.keys(d.statuses ?? {}).every((status) => status === '201');
  const figure = `${d.uploads} × ${d.rounds} uploads of ${Math.round((d.fileBytes ?? 0) / 1048576)} MiB: peak ${d.peakRssMb} MB (idle ${d.idleRssMb}), statuses ${JSON.stringify(d.statuses)}`;
  if (d.uploads < 20 || (d.fileBytes ?? 0) < 90 * 1048576) {
    return { target, figure: `${figure} (a smaller run)`, verdict: 'not judged', run: run.file };
  }
  return { target, figure, verdict: verdict(d.peakRssMb < 300 && allAccepted), run: run.file };
}

function worker(run: RunRecord | undefined): TargetVerdict {
  const target = 'Worker ≥ 95 % of the bare-ffmpeg floor, end to end';
  if (!run) return notMeasured(target, 'no bench result');
  const share = floorShare(run.data.bench);
  if (!share) return notMeasured(target, 'the bench result has no share of the floor');
  if (!share.endToEnd) {
    return {
      target,
      figure: `end to end: not measured; renderShowcase alone at the default concurrency: ${share.pct} % of the floor`,
      verdict: 'not measured',
      run: run.file,
    };
  }
  return {
    target,
    figure: `${share.pct} % of the floor (${share.source})`,
    verdict: verdict(share.pct >= 95),
    run: run.file,
  };
}

function sharePage(run: RunRecord | undefined): TargetVerdict {
  const target = 'Shared video page p95 ≤ 50 ms (1,000 visitors in 60 s)';
  if (!run) return notMeasured(target);
  const d = run.data;
  const figure = `${d.visitors} visitors in ${d.seconds} s: page p95 ${d.page?.latencyMs?.p95} ms, statuses ${JSON.stringify(d.page?.statuses)}`;
  if (d.visitors / d.seconds < 1000 / 60) {
    return { target, figure: `${figure} (a lighter run)`, verdict: 'not judged', run: run.file };
  }
  const allOk = Object.keys(d.page?.statuses ?? {}).every((status) => status === '200');
  return { target, figure, verdict: verdict(d.page.latencyMs.p95 <= 50 && allOk), run: run.file };
}

/** Every target the report judges, in the order. */
export function judgeTargets(runs: SelectedRuns): TargetVerdict[] {
  return [
    scenario1(runs.s1),
    ...readMix(runs['read-mix']),
    login(runs.login),
    memory(runs.memory),
    worker(runs['worker-bench']),
    sharePage(runs.share),
  ];
}
