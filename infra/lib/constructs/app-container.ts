import { Duration } from 'aws-cdk-lib';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { RemovalPolicy } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { acknowledgeNag } from '../nag.ts';

export interface AppTaskProps {
  family: string;
  logGroupName: string;
  cpu: number;
  memoryMiB: number;
  taskRole: iam.IRole;
  /** Defaults to one CDK creates; named when another principal must pass it (the migration task). */
  executionRole?: iam.IRole;
  repository: ecr.IRepository;
  imageTag: string;
  environment: Record<string, string>;
  secrets: Record<string, ecs.Secret>;
  stopTimeoutSeconds: number;
  logRetentionDays: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  portMappings?: ecs.PortMapping[];
  /** Overrides the image's entry point (the migration task runs another program of the API image). */
  entryPoint?: string[];
  /** The entry point's arguments; RunTask can override these, never the entry point. */
  command?: string[];
  /** Required of a long-running container: ECS ignores the image's HEALTHCHECK. */
  healthCheck?: ecs.HealthCheck;
}

/** A Fargate task running one of our images, logging to its own retained log group. */
export function createAppTask(scope: Construct, id: string, props: AppTaskProps) {
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
    logGroupName: props.logGroupName,
    retention: props.logRetentionDays,
    removalPolicy: props.logRemovalPolicy,
  });
  const taskDefinition = new ecs.FargateTaskDefinition(scope, `${id}TaskDefinition`, {
    family: props.family,
    cpu: props.cpu,
    memoryLimitMiB: props.memoryMiB,
    taskRole: props.taskRole,
    ...(props.executionRole ? { executionRole: props.executionRole } : {}),
    runtimePlatform: {
      operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      cpuArchitecture: ecs.CpuArchitecture.X86_64,
    },
  });
  const container = taskDefinition.addContainer('app', {
    image: ecs.ContainerImage.fromEcrRepository(props.repository, props.imageTag),
    essential: true,
    environment: props.environment,
    secrets: props.secrets,
    // ECS sends SIGTERM straight to node (exec-form entrypoint), then SIGKILL after this many seconds.
    stopTimeout: Duration.seconds(props.stopTimeoutSeconds),
    logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: 'app', mode: ecs.AwsLogDriverMode.NON_BLOCKING }),
    portMappings: props.portMappings ?? [],
    ...(props.entryPoint ? { entryPoint: props.entryPoint } : {}),
    ...(props.command ? { command: props.command } : {}),
    ...(props.healthCheck ? { healthCheck: props.healthCheck } : {}),
  });
  acknowledgeNag(
    taskDefinition,
    'ECS2',
    'Plain env holds only resource names and sizes; tunables come from Parameter Store and secrets from Secrets Manager.',
  );
  acknowledgeNag(
    taskDefinition,
    'IAM5[Resource::*]',
    'Execution role: ecr:GetAuthorizationToken has no resource-level permissions, AWS requires "*".',
  );
  return { taskDefinition, container, logGroup };
}
