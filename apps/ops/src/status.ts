import { GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import type { OpsContext } from './context.ts';
import type { DeployedEnvironment } from './environment.ts';
import { queueCounts } from './queue-counts.ts';

/** Jobs the worker logged as rejected (upload unusable) or failed (threw, will be retried). */
export const FAILED_JOBS_PATTERN = '{ $.outcome = "rejected" || $.outcome = "failed" }';
const FAILED_JOBS_WINDOW_MS = 24 * 60 * 60 * 1000;

/** `status`: tasks per service, queue and dead-letter depth, oldest waiting job, videos that failed lately. */
export async function status(context: OpsContext, environment: DeployedEnvironment): Promise<void> {
  const { clients, out } = context;
  const { services = [] } = await clients.ecs.send(
    new DescribeServicesCommand({
      cluster: environment.clusterName,
      services: [environment.services.api, environment.services.worker],
    }),
  );
  out(`Environment ${environment.envName} (${environment.publicUrl ?? 'no public URL output'})`);
  out('Service                desired  running  pending');
  for (const service of services) {
    out(
      `${(service.serviceName ?? '').padEnd(22)} ${pad(service.desiredCount)} ${pad(service.runningCount)} ${pad(service.pendingCount)}`,
    );
  }
  const [jobs, dead, oldestSeconds] = await Promise.all([
    queueCounts(clients, environment.queueUrl),
    queueCounts(clients, environment.deadLetterQueueUrl),
    oldestJobAgeSeconds(context, environment.queueUrl),
  ]);
  out(`Queue: ${jobs.waiting} waiting, ${jobs.inFlight} in progress; oldest waiting ${describeAge(oldestSeconds)}`);
  out(`Dead-letter queue: ${dead.waiting} message(s)${dead.waiting > 0 ? ' (see: npm run ops -- redrive)' : ''}`);

  const failures = await clients.logs.send(
    new FilterLogEventsCommand({
      logGroupName: environment.logGroups.worker,
      filterPattern: FAILED_JOBS_PATTERN,
      startTime: context.now() - FAILED_JOBS_WINDOW_MS,
      limit: 20,
    }),
  );
  const events = failures.events ?? [];
  out(events.length === 0 ? 'No failed videos in the last 24 h' : 'Failed videos in the last 24 h:');
  for (const event of events) {
    const line = parseJson(event.message);
    const when = new Date(event.timestamp ?? 0).toISOString();
    const detail = line.outcome === 'failed' ? ` ${(line.err as { message?: string } | undefined)?.message ?? ''}` : '';
    out(`  ${when}  ${String(line.videoId ?? '?')}  ${String(line.outcome)}${detail}`);
  }
}

async function oldestJobAgeSeconds(context: OpsContext, queueUrl: string): Promise<number | undefined> {
  const end = context.now();
  const { Datapoints = [] } = await context.clients.cloudWatch.send(
    new GetMetricStatisticsCommand({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: queueUrl.split('/').pop() }],
      StartTime: new Date(end - 10 * 60_000),
      EndTime: new Date(end),
      Period: 60,
      Statistics: ['Maximum'],
    }),
  );
  const newest = Datapoints.toSorted((a, b) => (b.Timestamp?.getTime() ?? 0) - (a.Timestamp?.getTime() ?? 0))[0];
  return newest?.Maximum;
}

function describeAge(seconds: number | undefined): string {
  return seconds === undefined ? 'unknown (no datapoint in 10 min)' : `${Math.round(seconds)} s`;
}

const pad = (value: number | undefined) => String(value ?? 0).padStart(7);

function parseJson(text: string | undefined): Record<string, unknown> {
  try {
    return JSON.parse(text ?? '') as Record<string, unknown>;
  } catch {
    return { message: text };
  }
}
