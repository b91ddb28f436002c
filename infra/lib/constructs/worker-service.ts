import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeNag, nagResourceName } from '../nag.ts';
import type { DeploymentSettings } from '../settings.ts';
import { acknowledgePrefixWildcards } from './api-service.ts';
import { createAppTask } from './app-container.ts';
import { PROCESSED_PREFIX, UPLOADED_PREFIX } from './media-storage.ts';

export interface WorkerServiceProps {
  settings: DeploymentSettings;
  cluster: ecs.ICluster;
  repository: ecr.IRepository;
  bucket: s3.IBucket;
  queue: sqs.IQueue;
  /** Read for its depth only; messages reach it through the queue's redrive policy. */
  deadLetterQueue: sqs.IQueue;
  databaseSecret: secretsmanager.ISecret;
  environment: Record<string, string>;
  secrets: Record<string, ecs.Secret>;
}

/** Fails when the worker's heartbeat file is stale: its poll loop stopped reporting or a job is stuck. */
export const WORKER_HEALTH_CHECK_COMMAND = ['CMD', 'node', 'apps/worker/src/health-check.ts'];

/**
 * The video worker on Fargate, no load balancer. It scales on backlog per task (visible messages ÷ running
 * tasks), not on CPU: ffmpeg keeps CPU high whether one video or a thousand are waiting.
 */
export class WorkerService extends Construct {
  readonly service: ecs.FargateService;
  readonly taskRole: iam.Role;

  constructor(scope: Construct, id: string, props: WorkerServiceProps) {
    super(scope, id);
    const { settings } = props;
    this.taskRole = new iam.Role(this, 'TaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Worker: read originals, write processed media, consume jobs, read its database secret',
    });
    grantWorkerAccess(this.taskRole, props);
    acknowledgePrefixWildcards(this.taskRole, props.bucket);
    this.grantTaskProtection(props.cluster);

    const { taskDefinition } = createAppTask(this, 'Worker', {
      family: `anb-${settings.envName}-worker`,
      logGroupName: `/anb/${settings.envName}/worker`,
      cpu: settings.worker.cpu,
      memoryMiB: settings.worker.memoryMiB,
      taskRole: this.taskRole,
      repository: props.repository,
      imageTag: settings.serviceImageTag,
      environment: props.environment,
      secrets: props.secrets,
      stopTimeoutSeconds: settings.worker.stopTimeoutSeconds,
      logRetentionDays: settings.logRetentionDays,
      logRemovalPolicy: settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      healthCheck: {
        command: WORKER_HEALTH_CHECK_COMMAND,
        interval: Duration.seconds(30),
        timeout: Duration.seconds(10),
        retries: 3,
        // The first poll needs the config resolved and the database reached.
        startPeriod: Duration.seconds(60),
      },
    });

    this.service = new ecs.FargateService(this, 'Service', {
      serviceName: `anb-${settings.envName}-worker`,
      cluster: props.cluster,
      taskDefinition,
      desiredCount: settings.servicesPaused ? 0 : settings.worker.minTasks,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      circuitBreaker: { enable: true, rollback: true },
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      // Spot interruptions send the same SIGTERM + stop timeout; an unfinished job is redelivered.
      capacityProviderStrategies: settings.worker.useSpot
        ? [
            { capacityProvider: 'FARGATE_SPOT', weight: 1 },
            { capacityProvider: 'FARGATE', weight: 0, base: 1 },
          ]
        : [{ capacityProvider: 'FARGATE', weight: 1 }],
    });
    this.scaleOnBacklogPerTask(props);
  }

  /**
   * The worker protects its own task from scale-in while a job runs, through the ECS agent endpoint, which
   * calls UpdateTaskProtection with the task role. Task ids are only known at run time: any task of this cluster.
   */
  private grantTaskProtection(cluster: ecs.ICluster): void {
    const tasksOfCluster = Stack.of(this).formatArn({
      service: 'ecs',
      resource: 'task',
      resourceName: `${cluster.clusterName}/*`,
    });
    this.taskRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ScaleInProtection',
        actions: ['ecs:UpdateTaskProtection', 'ecs:GetTaskProtection'],
        resources: [tasksOfCluster],
      }),
    );
    acknowledgeNag(
      this.taskRole,
      `IAM5[Resource::${nagResourceName(this, tasksOfCluster)}]`,
      'Task ids exist only at run time; the worker protects its own task, any task of this cluster is the narrowest ARN.',
    );
  }

  /**
   * Target tracking on metric math: m1 (visible messages) ÷ m2 (running tasks, from Container Insights).
   * The L2 construct only accepts a single metric, so the policy is written at the CloudFormation level.
   */
  private scaleOnBacklogPerTask(props: WorkerServiceProps): void {
    const { settings } = props;
    const target = new appscaling.ScalableTarget(this, 'ScalableTarget', {
      serviceNamespace: appscaling.ServiceNamespace.ECS,
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${props.cluster.clusterName}/${this.service.serviceName}`,
      minCapacity: settings.servicesPaused ? 0 : settings.worker.minTasks,
      maxCapacity: settings.servicesPaused ? 0 : settings.worker.maxTasks,
      // The service-linked role, as the API's autoScaleTaskCount uses: no extra role to own.
      role: iam.Role.fromRoleArn(
        this,
        'AutoScalingRole',
        Stack.of(this).formatArn({
          service: 'iam',
          region: '',
          resource: 'role/aws-service-role/ecs.application-autoscaling.amazonaws.com',
          resourceName: 'AWSServiceRoleForApplicationAutoScaling_ECSService',
        }),
      ),
    });
    new appscaling.CfnScalingPolicy(this, 'BacklogPerTask', {
      policyName: `anb-${settings.envName}-worker-backlog-per-task`,
      policyType: 'TargetTrackingScaling',
      scalingTargetId: target.scalableTargetId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: settings.worker.backlogPerTask,
        scaleOutCooldown: 60,
        // Scale in slowly: a task stopped mid-video wastes up to stopTimeout of encoding.
        scaleInCooldown: 300,
        customizedMetricSpecification: {
          metrics: [
            {
              id: 'm1',
              label: 'visible messages',
              returnData: false,
              metricStat: {
                stat: 'Sum',
                metric: {
                  namespace: 'AWS/SQS',
                  metricName: 'ApproximateNumberOfMessagesVisible',
                  dimensions: [{ name: 'QueueName', value: props.queue.queueName }],
                },
              },
            },
            {
              id: 'm2',
              label: 'running worker tasks',
              returnData: false,
              metricStat: {
                stat: 'Average',
                metric: {
                  namespace: 'ECS/ContainerInsights',
                  metricName: 'RunningTaskCount',
                  dimensions: [
                    { name: 'ClusterName', value: props.cluster.clusterName },
                    { name: 'ServiceName', value: this.service.serviceName },
                  ],
                },
              },
            },
            {
              id: 'backlogPerTask',
              label: 'visible messages per running task',
              expression: 'm1 / m2',
              returnData: true,
            },
          ],
        },
      },
    });
  }
}

function grantWorkerAccess(role: iam.Role, props: WorkerServiceProps): void {
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'ReadOriginals',
      actions: ['s3:GetObject'],
      resources: [props.bucket.arnForObjects(`${UPLOADED_PREFIX}*`)],
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'WriteProcessedMedia',
      // Delete: a video removed while it was being processed leaves no clip or poster behind.
      actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
      resources: [props.bucket.arnForObjects(`${PROCESSED_PREFIX}*`)],
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'MissingKeysAre404',
      actions: ['s3:ListBucket'],
      resources: [props.bucket.bucketArn],
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'ConsumeJobs',
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
      resources: [props.queue.queueArn],
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'CountDeadLetters',
      actions: ['sqs:GetQueueAttributes'],
      resources: [props.deadLetterQueue.queueArn],
    }),
  );
  props.databaseSecret.grantRead(role);
}
