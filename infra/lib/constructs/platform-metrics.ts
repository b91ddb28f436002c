import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { MonitoringProps } from './monitoring.ts';

/** Names of the metrics the worker writes in CloudWatch embedded metric format (apps/worker/src/job-metrics.ts). */
export const JOB_METRICS = {
  processed: 'JobsProcessed',
  rejected: 'JobsRejected',
  failed: 'JobsFailed',
  duration: 'JobDuration',
  dimension: { name: 'Service', value: 'worker' },
} as const;

const FIVE_MINUTES = Duration.minutes(5);

/** The metrics the alarms and the dashboard share, so a graph shows exactly what its alarm watches. */
export class PlatformMetrics {
  private readonly props: MonitoringProps;

  constructor(props: MonitoringProps) {
    this.props = props;
  }

  requests(period = FIVE_MINUTES): cloudwatch.IMetric {
    return this.props.api.loadBalancer.metrics.requestCount({ statistic: 'Sum', period });
  }

  apiLatency(statistic: 'p50' | 'p95' | 'p99', period = FIVE_MINUTES): cloudwatch.IMetric {
    return this.props.api.loadBalancer.metrics.targetResponseTime({ statistic, period });
  }

  api5xx(period = FIVE_MINUTES): { elb: cloudwatch.IMetric; target: cloudwatch.IMetric } {
    const alb = this.props.api.loadBalancer.metrics;
    return {
      elb: alb.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { statistic: 'Sum', period, label: 'load balancer 5xx' }),
      target: alb.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { statistic: 'Sum', period, label: 'API 5xx' }),
    };
  }

  api5xxPercent(): cloudwatch.IMetric {
    const { elb, target } = this.api5xx();
    return new cloudwatch.MathExpression({
      expression: '100 * (FILL(elb5xx, 0) + FILL(target5xx, 0)) / requests',
      label: '5xx % of requests',
      period: FIVE_MINUTES,
      usingMetrics: { elb5xx: elb, target5xx: target, requests: this.requests() },
    });
  }

  /** Requests the web firewall blocked, per rule: rate limits and managed rules. */
  firewallBlocks(): cloudwatch.IMetric[] {
    return this.props.firewall.blockedRequestMetrics();
  }

  queueDepth(): cloudwatch.IMetric[] {
    const period = Duration.minutes(1);
    return [
      this.props.queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period, label: 'waiting' }),
      this.props.queue.metricApproximateNumberOfMessagesNotVisible({
        statistic: 'Maximum',
        period,
        label: 'in progress',
      }),
      this.props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        statistic: 'Maximum',
        period,
        label: 'dead letters',
      }),
    ];
  }

  oldestJobAge(): cloudwatch.IMetric {
    return this.props.queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: Duration.minutes(1) });
  }

  runningTasks(service: 'api' | 'worker'): cloudwatch.IMetric {
    return new cloudwatch.Metric({
      namespace: 'ECS/ContainerInsights',
      metricName: 'RunningTaskCount',
      dimensionsMap: { ClusterName: this.props.clusterName, ServiceName: this.props[service].service.serviceName },
      statistic: 'Average',
      period: Duration.minutes(1),
      label: `${service} tasks`,
    });
  }

  /** Worker CPU, counted only while no job waits or runs (0 otherwise). */
  workerCpuWhileIdle(): cloudwatch.IMetric {
    return new cloudwatch.MathExpression({
      expression: 'IF(FILL(waiting, 0) + FILL(running, 0) == 0, cpu, 0)',
      label: 'worker CPU while idle',
      period: FIVE_MINUTES,
      usingMetrics: {
        cpu: this.props.worker.service.metricCpuUtilization({ period: FIVE_MINUTES }),
        waiting: this.props.queue.metricApproximateNumberOfMessagesVisible({
          statistic: 'Maximum',
          period: FIVE_MINUTES,
        }),
        running: this.props.queue.metricApproximateNumberOfMessagesNotVisible({
          statistic: 'Maximum',
          period: FIVE_MINUTES,
        }),
      },
    });
  }

  job(
    metric: 'processed' | 'rejected' | 'failed' | 'duration',
    statistic: string,
    period = FIVE_MINUTES,
  ): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.props.workerMetricsNamespace,
      metricName: JOB_METRICS[metric],
      dimensionsMap: { [JOB_METRICS.dimension.name]: JOB_METRICS.dimension.value },
      statistic,
      period,
      label: metric === 'duration' ? `job duration ${statistic}` : `jobs ${metric}`,
    });
  }

  /** Jobs that threw, as a share of all finished jobs; rejected uploads are the uploader's problem, not a failure. */
  jobFailurePercent(): cloudwatch.IMetric {
    const period = Duration.minutes(15);
    return new cloudwatch.MathExpression({
      expression: '100 * FILL(failed, 0) / (FILL(processed, 0) + FILL(rejected, 0) + FILL(failed, 0))',
      label: 'failed % of jobs',
      period,
      usingMetrics: {
        processed: this.job('processed', 'Sum', period),
        rejected: this.job('rejected', 'Sum', period),
        failed: this.job('failed', 'Sum', period),
      },
    });
  }
}
