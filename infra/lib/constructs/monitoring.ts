import { Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { DeploymentSettings } from '../settings.ts';

export interface MonitoringProps {
  settings: DeploymentSettings;
  loadBalancer: elbv2.ApplicationLoadBalancer;
  queue: sqs.IQueue;
  deadLetterQueue: sqs.IQueue;
  removalPolicy: RemovalPolicy;
}

/** Alarms on the user-visible symptoms, a monthly cost budget, and the SNS topic both notify. */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: Readonly<Record<'api5xxRate' | 'apiP95Latency' | 'deadLetters' | 'oldestJob', cloudwatch.Alarm>>;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { settings } = props;
    this.topic = this.createTopic(props);
    const period = Duration.minutes(5);
    const alb = props.loadBalancer.metrics;
    const prefix = `anb-${settings.envName}`;

    const api5xxRate = new cloudwatch.Alarm(this, 'Api5xxRate', {
      alarmName: `${prefix}-api-5xx-rate`,
      alarmDescription: `More than ${settings.alarms.api5xxPercent}% of API requests answered 5xx (load balancer or tasks) over 5 minutes`,
      metric: new cloudwatch.MathExpression({
        expression: '100 * (FILL(elb5xx, 0) + FILL(target5xx, 0)) / requests',
        label: '5xx % of requests',
        period,
        usingMetrics: {
          elb5xx: alb.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { statistic: 'Sum', period }),
          target5xx: alb.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { statistic: 'Sum', period }),
          requests: alb.requestCount({ statistic: 'Sum', period }),
        },
      }),
      threshold: settings.alarms.api5xxPercent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const apiP95Latency = new cloudwatch.Alarm(this, 'ApiP95Latency', {
      alarmName: `${prefix}-api-p95-latency`,
      alarmDescription: `p95 target response time above ${settings.alarms.apiP95Seconds} s for 15 minutes`,
      metric: alb.targetResponseTime({ statistic: 'p95', period }),
      threshold: settings.alarms.apiP95Seconds,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const deadLetters = new cloudwatch.Alarm(this, 'DeadLetters', {
      alarmName: `${prefix}-video-jobs-dead-lettered`,
      alarmDescription: 'A processing job exhausted its retries and sits in the dead-letter queue',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        statistic: 'Maximum',
        period: Duration.minutes(1),
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const oldestJob = new cloudwatch.Alarm(this, 'OldestJob', {
      alarmName: `${prefix}-video-jobs-oldest-message-age`,
      alarmDescription: `A job has waited more than ${settings.alarms.oldestMessageSeconds} s: workers are stuck or at their task limit`,
      metric: props.queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: Duration.minutes(1) }),
      threshold: settings.alarms.oldestMessageSeconds,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 5,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarms = { api5xxRate, apiP95Latency, deadLetters, oldestJob };
    const notify = new actions.SnsAction(this.topic);
    for (const alarm of Object.values(this.alarms)) {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
    }
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
