import type { ProcessingResult } from '@anb/core';

/** Metric names the infrastructure's alarms and dashboard read (infra/lib/constructs/platform-metrics.ts). */
export const JOB_METRIC_NAMES = {
  processed: 'JobsProcessed',
  rejected: 'JobsRejected',
  failed: 'JobsFailed',
  duration: 'JobDuration',
} as const;
export const JOB_METRIC_DIMENSION = { Service: 'worker' } as const;

/** How a job ended: finished (published, skipped...), rejected upload (marked failed), or threw (retried). */
export type JobOutcome = 'processed' | 'rejected' | 'failed';

export function outcomeOf(result: ProcessingResult): JobOutcome {
  return result === 'rejected' ? 'rejected' : 'processed';
}

/**
 * Fields of one log line in CloudWatch embedded metric format: CloudWatch Logs turns it into the three counters
 * (one of them 1) and the duration, with no API call and no extra permission.
 */
export function jobMetricFields(namespace: string, outcome: JobOutcome, durationMs: number, now: number) {
  return {
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [Object.keys(JOB_METRIC_DIMENSION)],
          Metrics: [
            { Name: JOB_METRIC_NAMES.processed, Unit: 'Count' },
            { Name: JOB_METRIC_NAMES.rejected, Unit: 'Count' },
            { Name: JOB_METRIC_NAMES.failed, Unit: 'Count' },
            { Name: JOB_METRIC_NAMES.duration, Unit: 'Milliseconds' },
          ],
        },
      ],
    },
    ...JOB_METRIC_DIMENSION,
    [JOB_METRIC_NAMES.processed]: outcome === 'processed' ? 1 : 0,
    [JOB_METRIC_NAMES.rejected]: outcome === 'rejected' ? 1 : 0,
    [JOB_METRIC_NAMES.failed]: outcome === 'failed' ? 1 : 0,
    [JOB_METRIC_NAMES.duration]: Math.round(durationMs),
  };
}
