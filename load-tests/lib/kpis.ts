import type { MachineSample, ProbeSample } from './metrics.ts';

/** Thresholds past which a KPI counts as degraded (2-core machine, API in one process). */
export const KPI_THRESHOLDS = {
  machineCpuPct: 90,
  apiCpuPct: 95,
  eventLoopP99Ms: 100,
  poolWaitP99Ms: 50,
  diskBusyPct: 80,
} as const;

export interface KpiCrossing {
  kpi: string;
  at: number;
  value: number;
  threshold: number;
}

/**
 * The KPIs that crossed their threshold during [from, to], earliest first (the first one is "the
 * first KPI that degrades"). A crossing needs two consecutive seconds over the threshold.
 */
export function kpiCrossings(machine: MachineSample[], probe: ProbeSample[], from: number, to: number): KpiCrossing[] {
  const series: { kpi: string; threshold: number; points: { t: number; v: number }[] }[] = [
    {
      kpi: 'machine CPU %',
      threshold: KPI_THRESHOLDS.machineCpuPct,
      points: machine.map((s) => ({ t: s.t, v: s.systemCpuPct })),
    },
    {
      kpi: 'API process CPU % (one core = 100)',
      threshold: KPI_THRESHOLDS.apiCpuPct,
      points: probe.map((s) => ({ t: s.t, v: s.cpuPct })),
    },
    {
      kpi: 'event loop delay p99 (ms)',
      threshold: KPI_THRESHOLDS.eventLoopP99Ms,
      points: probe.map((s) => ({ t: s.t, v: s.elP99Ms })),
    },
    {
      kpi: 'DB pool wait p99 (ms)',
      threshold: KPI_THRESHOLDS.poolWaitP99Ms,
      points: probe.map((s) => ({ t: s.t, v: s.poolWaitP99Ms })),
    },
    {
      kpi: 'disk busy %',
      threshold: KPI_THRESHOLDS.diskBusyPct,
      points: machine.map((s) => ({ t: s.t, v: s.diskBusyPct })),
    },
  ];
  const crossings: KpiCrossing[] = [];
  for (const { kpi, threshold, points } of series) {
    const inside = points.filter((p) => p.t >= from && p.t <= to + 1000);
    for (let i = 1; i < inside.length; i++) {
      const a = inside[i - 1];
      const b = inside[i];
      if (a && b && a.v >= threshold && b.v >= threshold) {
        crossings.push({ kpi, at: a.t, value: Math.round(Math.max(a.v, b.v) * 10) / 10, threshold });
        break;
      }
    }
  }
  return crossings.sort((x, y) => x.at - y.at);
}
