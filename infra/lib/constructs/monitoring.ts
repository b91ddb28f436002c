import { Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { DeploymentSettings } from '../settings.ts';
import type { ApiService } from './api-service.ts';
import { createDashboard } from './operations-dashboard.ts';
import { PlatformMetrics } from './platform-metrics.ts';
import type { WebFirewall } from './web-firewall.ts';
import type { WorkerService } from './worker-service.ts';

export interface MonitoringProps {
  settings: DeploymentSettings;
  api: ApiService;
  worker: WorkerService;
  firewall: WebFirewall;
  clusterName: string;
  database: rds.DatabaseInstance;
  queue: sqs.IQueue;
  deadLetterQueue: sqs.IQueue;
  /** Where the worker's embedded-metric-format log lines land (JOB_METRICS names). */
  workerMetricsNamespace: string;
  removalPolicy: RemovalPolicy;
}

type AlarmName =
  | 'api5xxRate'
  | 'apiP95Latency'
  | 'deadLetters'
  | 'oldestJob'
  | 'apiCpu'
  | 'apiMemory'
  | 'workerMemory'
  | 'idleWorkerCpu'
  | 'unhealthyTargets'
  | 'jobFailureRate'
  | 'databaseCpu'
  | 'databaseFreeStorage'
  | 'databaseConnections';

const FIVE_MINUTES = Duration.minutes(5);
const GIB = 1024 ** 3;

/**
 * Alarms on user-visible symptoms and on the resources behind them, one dashboard, a monthly cost budget,
 * and the SNS topic (e-mail subscriptions) every alarm and the budget notify.
 */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: Readonly<Record<AlarmName, cloudwatch.Alarm>>;
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { settings } = props;
    this.topic = this.createTopic(props);
    const metrics = new PlatformMetrics(props);
    const thresholds = settings.alarms;
    const prefix = `anb-${settings.envName}`;
    const alarm = (
      alarmId: string,
      name: string,
      description: string,
      options: Omit<cloudwatch.AlarmProps, 'alarmName' | 'alarmDescription'>,
    ) =>
      new cloudwatch.Alarm(this, alarmId, {
        alarmName: `${prefix}-${name}`,
        alarmDescription: `${description} (runbook: docs/runbook.md, alarm ${prefix}-${name})`,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        ...options,
      });

    this.alarms = {
      api5xxRate: alarm(
        'Api5xxRate',
        'api-5xx-rate',
        `More than ${thresholds.api5xxPercent}% of API requests answered 5xx over 5 minutes`,
        {
          metric: metrics.api5xxPercent(),
          threshold: thresholds.api5xxPercent,
          evaluationPeriods: 1,
        },
      ),
      apiP95Latency: alarm(
        'ApiP95Latency',
        'api-p95-latency',
        `p95 target response time above ${thresholds.apiP95Seconds} s for 15 minutes`,
        {
          metric: metrics.apiLatency('p95'),
          threshold: thresholds.apiP95Seconds,
          evaluationPeriods: 3,
        },
      ),
      deadLetters: alarm(
        'DeadLetters',
        'video-jobs-dead-lettered',
        'A processing job exhausted its retries and sits in the dead-letter queue',
        {
          metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
            statistic: 'Maximum',
            period: Duration.minutes(1),
          }),
          threshold: 0,
          evaluationPeriods: 1,
        },
      ),
      oldestJob: alarm(
        'OldestJob',
        'video-jobs-oldest-message-age',
        `A job has waited more than ${thresholds.oldestMessageSeconds} s: workers are stuck or at their task limit`,
        {
          metric: props.queue.metricApproximateAgeOfOldestMessage({
            statistic: 'Maximum',
            period: Duration.minutes(1),
          }),
          threshold: thresholds.oldestMessageSeconds,
          evaluationPeriods: 5,
        },
      ),
      apiCpu: alarm(
        'ApiCpu',
        'api-cpu',
        `API tasks above ${thresholds.apiCpuPercent}% CPU on average for 15 minutes: scaling did not keep up or is at maxTasks`,
        {
          metric: props.api.service.metricCpuUtilization({ period: FIVE_MINUTES }),
          threshold: thresholds.apiCpuPercent,
          evaluationPeriods: 3,
        },
      ),
      apiMemory: alarm(
        'ApiMemory',
        'api-memory',
        `API tasks above ${thresholds.memoryPercent}% of their memory for 15 minutes`,
        {
          metric: props.api.service.metricMemoryUtilization({ period: FIVE_MINUTES }),
          threshold: thresholds.memoryPercent,
          evaluationPeriods: 3,
        },
      ),
      workerMemory: alarm(
        'WorkerMemory',
        'worker-memory',
        `Worker tasks above ${thresholds.memoryPercent}% of their memory for 15 minutes: ffmpeg is close to being killed`,
        {
          metric: props.worker.service.metricMemoryUtilization({ period: FIVE_MINUTES, statistic: 'Maximum' }),
          threshold: thresholds.memoryPercent,
          evaluationPeriods: 3,
        },
      ),
      // Busy workers keep CPU high by design; only CPU spent while no job waits or runs means trouble.
      idleWorkerCpu: alarm(
        'IdleWorkerCpu',
        'worker-cpu-while-idle',
        `Worker tasks above ${thresholds.idleWorkerCpuPercent}% CPU for 15 minutes while no job waits or runs`,
        {
          metric: metrics.workerCpuWhileIdle(),
          threshold: thresholds.idleWorkerCpuPercent,
          evaluationPeriods: 3,
        },
      ),
      unhealthyTargets: alarm(
        'UnhealthyTargets',
        'api-unhealthy-targets',
        'An API task has failed the load balancer readiness check for 3 minutes',
        {
          metric: props.api.targetGroup.metrics.unhealthyHostCount({
            statistic: 'Maximum',
            period: Duration.minutes(1),
          }),
          threshold: 0,
          evaluationPeriods: 3,
        },
      ),
      jobFailureRate: alarm(
        'JobFailureRate',
        'worker-job-failure-rate',
        `More than ${thresholds.jobFailurePercent}% of video jobs threw (and will be retried) over 15 minutes`,
        {
          metric: metrics.jobFailurePercent(),
          threshold: thresholds.jobFailurePercent,
          evaluationPeriods: 1,
        },
      ),
      databaseCpu: alarm(
        'DatabaseCpu',
        'database-cpu',
        `Database CPU above ${thresholds.databaseCpuPercent}% for 15 minutes`,
        {
          metric: props.database.metricCPUUtilization({ period: FIVE_MINUTES }),
          threshold: thresholds.databaseCpuPercent,
          evaluationPeriods: 3,
        },
      ),
      databaseFreeStorage: alarm(
        'DatabaseFreeStorage',
        'database-free-storage',
        `Less than ${thresholds.databaseFreeStorageGiB} GiB of database storage left`,
        {
          metric: props.database.metricFreeStorageSpace({ statistic: 'Minimum', period: FIVE_MINUTES }),
          threshold: thresholds.databaseFreeStorageGiB * GIB,
          comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
          evaluationPeriods: 1,
        },
      ),
      databaseConnections: alarm(
        'DatabaseConnections',
        'database-connections',
        `More than ${thresholds.databaseConnections} open database connections for 10 minutes`,
        {
          metric: props.database.metricDatabaseConnections({ statistic: 'Maximum', period: FIVE_MINUTES }),
          threshold: thresholds.databaseConnections,
          evaluationPeriods: 2,
        },
      ),
    };
    const notify = new actions.SnsAction(this.topic);
    for (const each of Object.values(this.alarms)) {
      each.addAlarmAction(notify);
      each.addOkAction(notify);
    }
    this.dashboard = createDashboard(this, `${prefix}-operations`, metrics, props.database, Object.values(this.alarms));
    this.createBudget(settings);
  }

  private createTopic(props: MonitoringProps): sns.Topic {
    // A customer managed key: the AWS managed SNS key does not let CloudWatch or Budgets publish.
    const key = new kms.Key(this, 'NotificationsKey', {
      description: 'Encrypts the ANB alarm and budget notifications topic',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    for (const service of ['cloudwatch.amazonaws.com', 'budgets.amazonaws.com']) {
      key.addToResourcePolicy(
        new iam.PolicyStatement({
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          principals: [new iam.ServicePrincipal(service)],
          resources: ['*'],
        }),
      );
    }
    const topic = new sns.Topic(this, 'Notifications', {
      topicName: `anb-${props.settings.envName}-notifications`,
      masterKey: key,
      enforceSSL: true,
    });
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'BudgetsPublish',
        actions: ['sns:Publish'],
        principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
        resources: [topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    for (const email of props.settings.notificationEmails)
      topic.addSubscription(new subscriptions.EmailSubscription(email));
    return topic;
  }

  private createBudget(settings: DeploymentSettings): void {
    const subscribers = [{ subscriptionType: 'SNS', address: this.topic.topicArn }];
    const notification = (notificationType: 'ACTUAL' | 'FORECASTED', threshold: number) => ({
      notification: { notificationType, comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' },
      subscribers,
    });
    new budgets.CfnBudget(this, 'MonthlyCost', {
      budget: {
        budgetName: `anb-${settings.envName}-monthly-cost`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: settings.monthlyBudgetUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [
        notification('ACTUAL', 80),
        notification('ACTUAL', 100),
        notification('FORECASTED', 100),
      ],
    });
  }
}
