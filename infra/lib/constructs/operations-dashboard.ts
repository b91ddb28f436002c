import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import type { PlatformMetrics } from './platform-metrics.ts';
import type { MonitoringProps } from './monitoring.ts';

const WIDTH = 8;
const HEIGHT = 6;

/**
 * One page an operator opens first: traffic, errors, queue, tasks, jobs, database and firewall blocks, with every
 * alarm's state.
 */
export function createDashboard(
  scope: Construct,
  dashboardName: string,
  metrics: PlatformMetrics,
  database: MonitoringProps['database'],
  alarms: cloudwatch.IAlarm[],
): cloudwatch.Dashboard {
  const graph = (title: string, left: cloudwatch.IMetric[], right: cloudwatch.IMetric[] = []) =>
    new cloudwatch.GraphWidget({ title, left, right, width: WIDTH, height: HEIGHT });
  const { elb, target } = metrics.api5xx();
  const dashboard = new cloudwatch.Dashboard(scope, 'Dashboard', { dashboardName });
  dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms, width: 24, height: 4 }));
  dashboard.addWidgets(
    graph('API requests', [metrics.requests()]),
    graph('API latency (s)', [metrics.apiLatency('p50'), metrics.apiLatency('p95'), metrics.apiLatency('p99')]),
    graph('API errors', [elb, target], [metrics.api5xxPercent()]),
  );
  dashboard.addWidgets(
    graph('Queue depth', metrics.queueDepth()),
    graph('Oldest waiting job (s)', [metrics.oldestJobAge()]),
    graph('Running tasks', [metrics.runningTasks('api'), metrics.runningTasks('worker')]),
  );
  dashboard.addWidgets(
    graph('Job duration (ms)', [
      metrics.job('duration', 'p50'),
      metrics.job('duration', 'p95'),
      metrics.job('duration', 'Maximum'),
    ]),
    graph('Job outcomes', [
      metrics.job('processed', 'Sum'),
      metrics.job('rejected', 'Sum'),
      metrics.job('failed', 'Sum'),
    ]),
    graph(
      'Database',
      [database.metricCPUUtilization(), database.metricDatabaseConnections()],
      [database.metricFreeStorageSpace({ statistic: 'Minimum' })],
    ),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Requests blocked by the firewall, per rule',
      left: metrics.firewallBlocks(),
      width: 24,
      height: HEIGHT,
    }),
  );
  return dashboard;
}
