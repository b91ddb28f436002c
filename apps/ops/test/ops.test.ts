import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  DescribeScalableTargetsCommand,
  RegisterScalableTargetCommand,
  ApplicationAutoScalingClient,
} from '@aws-sdk/client-application-auto-scaling';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  RunTaskCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { HELP, runCommand } from '../src/cli.ts';
import { OpsError, type OpsContext } from '../src/context.ts';
import { FAILED_JOBS_PATTERN } from '../src/status.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/anb-prod-video-jobs';
const DLQ_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/anb-prod-video-jobs-dlq';
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:anb-prod-video-jobs';
const DLQ_ARN = 'arn:aws:sqs:us-east-1:123456789012:anb-prod-video-jobs-dlq';

const cloudFormation = mockClient(CloudFormationClient);
const ecs = mockClient(ECSClient);
const sqs = mockClient(SQSClient);
const logs = mockClient(CloudWatchLogsClient);
const cloudWatch = mockClient(CloudWatchClient);
const autoScaling = mockClient(ApplicationAutoScalingClient);

let printed: string[];
let sleeps: number;
function context(overrides: Partial<OpsContext> = {}): OpsContext {
  return {
    clients: {
      cloudFormation: new CloudFormationClient({ region: 'us-east-1' }),
      ecs: new ECSClient({ region: 'us-east-1' }),
      sqs: new SQSClient({ region: 'us-east-1' }),
      logs: new CloudWatchLogsClient({ region: 'us-east-1' }),
      cloudWatch: new CloudWatchClient({ region: 'us-east-1' }),
      autoScaling: new ApplicationAutoScalingClient({ region: 'us-east-1' }),
    },
    out: (line) => void printed.push(line),
    sleep: async () => void (sleeps += 1),
    now: () => NOW,
    ...overrides,
  };
}
const output = () => printed.join('\n');

/** The outputs a deployed Anb-prod-App stack has (infra/lib/app-stack.ts). */
const STACK_OUTPUTS = {
  PublicUrl: 'https://showcase.example.com',
  ClusterName: 'anb-prod',
  ApiServiceName: 'anb-prod-api',
  WorkerServiceName: 'anb-prod-worker',
  JobQueueUrl: QUEUE_URL,
  DeadLetterQueueUrl: DLQ_URL,
  MigrationTaskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/anb-prod-migrate:7',
  MigrationSecurityGroupId: 'sg-0migrate',
  AppSubnetIds: 'subnet-a,subnet-b',
};

function queueAttributes(counts: Record<string, [number, number]>) {
  for (const [url, [waiting, inFlight]] of Object.entries(counts)) {
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url }).resolves({
      Attributes: {
        QueueArn: url === QUEUE_URL ? QUEUE_ARN : DLQ_ARN,
        ApproximateNumberOfMessages: String(waiting),
        ApproximateNumberOfMessagesNotVisible: String(inFlight),
      },
    });
  }
}

beforeEach(() => {
  for (const mock of [cloudFormation, ecs, sqs, logs, cloudWatch, autoScaling]) mock.reset();
  printed = [];
  sleeps = 0;
  cloudFormation.on(DescribeStacksCommand, { StackName: 'Anb-prod-App' }).resolves({
    Stacks: [
      {
        StackName: 'Anb-prod-App',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(NOW - 86_400_000),
        LastUpdatedTime: new Date(NOW - 3_600_000),
        Outputs: Object.entries(STACK_OUTPUTS).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });
});

describe('ops command line', () => {
  it('lists every verb with examples in --help, through npm run ops', async () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const { stdout } = await promisify(execFile)(process.execPath, ['apps/ops/src/main.ts', '--help'], { cwd: root });
    const verbs = ['status', 'scale api|worker <N>', 'redrive', 'logs api|worker', 'deploy-status', 'migrate'];
    for (const verb of [...verbs, 'grant-organiser <email>', 'revoke-organiser <email>', '--task <id>']) {
      expect(stdout).toContain(verb);
    }
    expect(stdout).toContain('Examples:');
    expect(stdout.trim()).toBe(HELP.trim());
  });

  it('names the stack it could not read when the environment is not deployed', async () => {
    cloudFormation
      .on(DescribeStacksCommand, { StackName: 'Anb-staging-App' })
      .rejects(new Error('Stack with id Anb-staging-App does not exist'));
    await expect(runCommand(context(), ['status', '--env', 'staging'])).rejects.toThrow(
      /cannot read stack Anb-staging-App/,
    );
  });

  it('refuses an unknown verb without calling AWS', async () => {
    await expect(runCommand(context(), ['destroy', '--env', 'prod'])).rejects.toThrow(OpsError);
    expect(cloudFormation.calls()).toHaveLength(0);
  });
});

describe('status', () => {
  it('shows tasks per service, queue depth and oldest age, dead letters and recently failed videos', async () => {
    ecs.on(DescribeServicesCommand).resolves({
      services: [
        { serviceName: 'anb-prod-api', desiredCount: 2, runningCount: 2, pendingCount: 0 },
        { serviceName: 'anb-prod-worker', desiredCount: 3, runningCount: 2, pendingCount: 1 },
      ],
    });
    queueAttributes({ [QUEUE_URL]: [12, 4], [DLQ_URL]: [2, 0] });
    cloudWatch.on(GetMetricStatisticsCommand).resolves({
      Datapoints: [
        { Timestamp: new Date(NOW - 120_000), Maximum: 30 },
        { Timestamp: new Date(NOW - 60_000), Maximum: 95.4 },
      ],
    });
    logs.on(FilterLogEventsCommand).resolves({
      events: [
        {
          timestamp: NOW - 600_000,
          message: JSON.stringify({ videoId: 'v-rejected', outcome: 'rejected', msg: 'video job done' }),
        },
        {
          timestamp: NOW - 300_000,
          message: JSON.stringify({ videoId: 'v-failed', outcome: 'failed', err: { message: 'S3 timeout' } }),
        },
      ],
    });
    await runCommand(context(), ['status', '--env', 'prod']);
    expect(output()).toMatch(/anb-prod-worker\s+3\s+2\s+1/);
    expect(output()).toContain('Queue: 12 waiting, 4 in progress; oldest waiting 95 s');
    expect(output()).toContain('Dead-letter queue: 2 message(s)');
    expect(output()).toContain('2026-03-01T11:50:00.000Z  v-rejected  rejected');
    expect(output()).toContain('v-failed  failed S3 timeout');
    expect(logs.commandCalls(FilterLogEventsCommand)[0]!.args[0].input).toMatchObject({
      logGroupName: '/anb/prod/worker',
      filterPattern: FAILED_JOBS_PATTERN,
      startTime: NOW - 86_400_000,
    });
    expect(cloudWatch.commandCalls(GetMetricStatisticsCommand)[0]!.args[0].input.Dimensions).toEqual([
      { Name: 'QueueName', Value: 'anb-prod-video-jobs' },
    ]);
  });
});

describe('scale', () => {
  beforeEach(() => {
    autoScaling
      .on(DescribeScalableTargetsCommand)
      .resolves({ ScalableTargets: [{ MinCapacity: 1, MaxCapacity: 3 } as never] });
    ecs.on(UpdateServiceCommand).resolves({});
  });

  it('sets the desired count when it is within the scalable target limits', async () => {
    await runCommand(context(), ['scale', 'worker', '3', '--env', 'prod']);
    expect(autoScaling.commandCalls(DescribeScalableTargetsCommand)[0]!.args[0].input.ResourceIds).toEqual([
      'service/anb-prod/anb-prod-worker',
    ]);
    expect(ecs.commandCalls(UpdateServiceCommand)[0]!.args[0].input).toEqual({
      cluster: 'anb-prod',
      service: 'anb-prod-worker',
      desiredCount: 3,
    });
    expect(autoScaling.commandCalls(RegisterScalableTargetCommand)).toHaveLength(0);
  });

  it('refuses a count outside the limits unless told to widen them', async () => {
    await expect(runCommand(context(), ['scale', 'api', '6', '--env', 'prod'])).rejects.toThrow(
      "6 is outside anb-prod-api's limits 1–3; add --adjust-limits",
    );
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('widens the limits to include the count, then sets it, with --adjust-limits', async () => {
    await runCommand(context(), ['scale', 'api', '6', '--adjust-limits', '--env', 'prod']);
    expect(autoScaling.commandCalls(RegisterScalableTargetCommand)[0]!.args[0].input).toMatchObject({
      ResourceId: 'service/anb-prod/anb-prod-api',
      MinCapacity: 1,
      MaxCapacity: 6,
    });
    expect(ecs.commandCalls(UpdateServiceCommand)[0]!.args[0].input.desiredCount).toBe(6);
  });

  it('refuses a service that is not api or worker', async () => {
    await expect(runCommand(context(), ['scale', 'database', '2', '--env', 'prod'])).rejects.toThrow(
      'expected one of api, worker, got "database"',
    );
  });
});

describe('redrive', () => {
  it('only shows the counts without --yes', async () => {
    queueAttributes({ [QUEUE_URL]: [0, 1], [DLQ_URL]: [4, 0] });
    await runCommand(context(), ['redrive', '--env', 'prod']);
    expect(output()).toContain('Dead-letter queue: 4 message(s)');
    expect(output()).toContain('Run again with --yes to move 4 message(s) back to the job queue.');
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
  });

  it('moves the dead letters back to the job queue with an SQS message-move task, and follows it', async () => {
    queueAttributes({ [QUEUE_URL]: [0, 0], [DLQ_URL]: [4, 0] });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'handle-1' });
    sqs
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({
        Results: [{ Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 1, ApproximateNumberOfMessagesToMove: 4 }],
      })
      .resolves({
        Results: [{ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 4, ApproximateNumberOfMessagesToMove: 4 }],
      });
    await runCommand(context(), ['redrive', '--yes', '--env', 'prod']);
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)[0]!.args[0].input).toEqual({
      SourceArn: DLQ_ARN,
      DestinationArn: QUEUE_ARN,
    });
    expect(output()).toContain('moving: 1/4');
    expect(output()).toContain('Message move task COMPLETED: 4/4 moved');
    expect(sleeps).toBe(1);
  });

  it('fails when the message-move task fails', async () => {
    queueAttributes({ [QUEUE_URL]: [0, 0], [DLQ_URL]: [1, 0] });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'handle-2' });
    sqs.on(ListMessageMoveTasksCommand).resolves({ Results: [{ Status: 'FAILED', FailureReason: 'AccessDenied' }] });
    await expect(runCommand(context(), ['redrive', '--yes', '--env', 'prod'])).rejects.toThrow(
      /message move task FAILED.*AccessDenied/,
    );
  });

  it('does nothing when the dead-letter queue is empty', async () => {
    queueAttributes({ [QUEUE_URL]: [3, 0], [DLQ_URL]: [0, 0] });
    await runCommand(context(), ['redrive', '--yes', '--env', 'prod']);
    expect(output()).toContain('Nothing to redrive.');
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
  });
});

describe('logs', () => {
  it('prints every page of events since the given time, oldest first', async () => {
    logs
      .on(FilterLogEventsCommand)
      .resolvesOnce({
        events: [{ eventId: '1', timestamp: NOW - 500_000, message: 'first\n', logStreamName: 'app/app/t1' }],
        nextToken: 'page-2',
      })
      .resolvesOnce({
        events: [{ eventId: '2', timestamp: NOW - 100_000, message: 'second', logStreamName: 'app/app/t1' }],
      });
    await runCommand(context(), ['logs', 'api', '--since', '10m', '--env', 'prod']);
    expect(printed).toEqual(['2026-03-01T11:51:40.000Z t1 first', '2026-03-01T11:58:20.000Z t1 second']);
    const inputs = logs.commandCalls(FilterLogEventsCommand).map((call) => call.args[0].input);
    expect(inputs[0]).toMatchObject({ logGroupName: '/anb/prod/api', startTime: NOW - 600_000 });
    expect(inputs[1]).toMatchObject({ nextToken: 'page-2' });
  });

  it("reads only one task's stream with --task", async () => {
    logs.on(FilterLogEventsCommand).resolves({ events: [] });
    await runCommand(context(), ['logs', 'migrate', '--task', 'abc123', '--env', 'prod']);
    expect(logs.commandCalls(FilterLogEventsCommand)[0]!.args[0].input).toMatchObject({
      logGroupName: '/anb/prod/migrate',
      logStreamNames: ['app/app/abc123'],
    });
  });

  it('keeps polling with --follow, printing only new events, until stopped', async () => {
    const stop = new AbortController();
    logs
      .on(FilterLogEventsCommand)
      .resolvesOnce({ events: [{ eventId: '1', timestamp: NOW - 1_000, message: 'old' }] })
      .resolvesOnce({
        events: [
          { eventId: '1', timestamp: NOW - 1_000, message: 'old' },
          { eventId: '2', timestamp: NOW + 1_000, message: 'new' },
        ],
      })
      .resolves({ events: [] });
    const follow = context({ sleep: async () => void (++sleeps === 2 && stop.abort()) });
    await runCommand(follow, ['logs', 'worker', '--follow', '--env', 'prod'], stop.signal);
    expect(printed.map((line) => line.split(' ').pop())).toEqual(['old', 'new']);
    expect(logs.commandCalls(FilterLogEventsCommand)[1]!.args[0].input.startTime).toBe(NOW - 1_000);
  });

  it('refuses a --since it cannot read', async () => {
    await expect(runCommand(context(), ['logs', 'api', '--since', 'yesterday', '--env', 'prod'])).rejects.toThrow(
      /--since: expected a duration/,
    );
  });
});

describe('deploy-status', () => {
  it("shows the stack's status and each service's rollouts with the image tag they run", async () => {
    ecs.on(DescribeServicesCommand).resolves({
      services: [
        {
          serviceName: 'anb-prod-api',
          desiredCount: 2,
          runningCount: 2,
          deployments: [
            {
              status: 'PRIMARY',
              rolloutState: 'IN_PROGRESS',
              taskDefinition: 'api:8',
              desiredCount: 2,
              runningCount: 1,
              failedTasks: 0,
            },
            {
              status: 'ACTIVE',
              rolloutState: 'COMPLETED',
              taskDefinition: 'api:7',
              desiredCount: 2,
              runningCount: 1,
              failedTasks: 0,
            },
          ],
        },
      ],
    });
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: 'api:8' }).resolves({
      taskDefinition: {
        containerDefinitions: [{ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/anb-prod-api:abc123' }],
      },
    });
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: 'api:7' }).resolves({
      taskDefinition: {
        containerDefinitions: [{ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/anb-prod-api:old999' }],
      },
    });
    await runCommand(context(), ['deploy-status', '--env', 'prod']);
    expect(output()).toContain('Stack Anb-prod-App: UPDATE_COMPLETE (2026-03-01T11:00:00.000Z)');
    expect(output()).toContain('PRIMARY image abc123: rollout IN_PROGRESS, 1/2 running, 0 failed');
    expect(output()).toContain('ACTIVE image old999: rollout COMPLETED');
  });
});

describe('migrate', () => {
  it('runs the migration task in the app subnets with its security group, and waits for a clean exit', async () => {
    ecs.on(RunTaskCommand).resolves({ tasks: [{ taskArn: 'arn:task/anb-prod/1' }] });
    ecs
      .on(DescribeTasksCommand)
      .resolvesOnce({ tasks: [{ lastStatus: 'RUNNING' }] })
      .resolves({ tasks: [{ lastStatus: 'STOPPED', containers: [{ exitCode: 0 }] }] });
    await runCommand(context(), ['migrate', '--env', 'prod']);
    expect(ecs.commandCalls(RunTaskCommand)[0]!.args[0].input).toMatchObject({
      cluster: 'anb-prod',
      taskDefinition: STACK_OUTPUTS.MigrationTaskDefinitionArn,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-a', 'subnet-b'],
          securityGroups: ['sg-0migrate'],
          assignPublicIp: 'DISABLED',
        },
      },
    });
    expect(ecs.commandCalls(RunTaskCommand)[0]!.args[0].input.overrides).toBeUndefined();
    expect(ecs.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(0);
    expect(output()).toContain('Migration task finished');
    expect(sleeps).toBe(1);
  });

  it('fails, pointing at the logs, when the migration exits non-zero', async () => {
    ecs.on(RunTaskCommand).resolves({ tasks: [{ taskArn: 'arn:task/anb-prod/2' }] });
    ecs.on(DescribeTasksCommand).resolves({
      tasks: [
        { lastStatus: 'STOPPED', stoppedReason: 'Essential container in task exited', containers: [{ exitCode: 1 }] },
      ],
    });
    await expect(runCommand(context(), ['migrate', '--env', 'prod'])).rejects.toThrow(
      /exit code 1 .*npm run ops -- logs migrate --env prod/,
    );
  });
});

describe('grant-organiser and revoke-organiser', () => {
  const TASK_ARN = 'arn:aws:ecs:us-east-1:123456789012:task/anb-prod/0f1e2d3c';

  beforeEach(() => {
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: STACK_OUTPUTS.MigrationTaskDefinitionArn }).resolves({
      taskDefinition: {
        containerDefinitions: [{ name: 'app', entryPoint: ['node'], command: ['apps/api/src/migrate.ts'] }],
      },
    });
    ecs.on(RunTaskCommand).resolves({ tasks: [{ taskArn: TASK_ARN }] });
  });

  it('runs the admin program with the e-mail in a task of the migration task definition, and waits for exit code 0', async () => {
    ecs
      .on(DescribeTasksCommand)
      .resolvesOnce({ tasks: [{ lastStatus: 'PROVISIONING' }] })
      .resolvesOnce({ tasks: [{ lastStatus: 'RUNNING' }] })
      .resolves({ tasks: [{ lastStatus: 'STOPPED', containers: [{ exitCode: 0 }] }] });
    logs
      .on(FilterLogEventsCommand, { logStreamNames: ['app/app/0f1e2d3c'] })
      .resolves({ events: [{ message: 'ana@example.com is now an organiser\n' }] });
    await runCommand(context(), ['grant-organiser', 'ana@example.com', '--env', 'prod']);
    expect(ecs.commandCalls(RunTaskCommand)[0]!.args[0].input).toMatchObject({
      cluster: 'anb-prod',
      taskDefinition: STACK_OUTPUTS.MigrationTaskDefinitionArn,
      launchType: 'FARGATE',
      startedBy: 'ops-grant-organiser',
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-0migrate'] },
      },
      overrides: {
        containerOverrides: [
          { name: 'app', command: ['apps/admin/src/main.ts', 'grant-organiser', 'ana@example.com'] },
        ],
      },
    });
    expect(ecs.commandCalls(DescribeTasksCommand).map((call) => call.args[0].input)).toEqual(
      Array(3).fill({ cluster: 'anb-prod', tasks: [TASK_ARN] }),
    );
    expect(sleeps).toBe(2);
    expect(logs.commandCalls(FilterLogEventsCommand)[0]!.args[0].input.logGroupName).toBe('/anb/prod/migrate');
    expect(printed).toContain('  ana@example.com is now an organiser');
    expect(printed.at(-1)).toBe('grant-organiser ana@example.com: done');
  });

  it("fails on a non-zero exit, showing the program's sentence and the command for that task's logs", async () => {
    ecs.on(DescribeTasksCommand).resolves({
      tasks: [
        { lastStatus: 'STOPPED', stoppedReason: 'Essential container in task exited', containers: [{ exitCode: 1 }] },
      ],
    });
    logs.on(FilterLogEventsCommand).resolves({ events: [{ message: 'no account with e-mail bruno@example.com' }] });
    await expect(runCommand(context(), ['revoke-organiser', 'bruno@example.com', '--env', 'prod'])).rejects.toThrow(
      'the revoke-organiser task stopped with exit code 1 (Essential container in task exited); read its output with: ' +
        'npm run ops -- logs migrate --env prod --since 30m --task 0f1e2d3c',
    );
    expect(ecs.commandCalls(RunTaskCommand)[0]!.args[0].input.overrides?.containerOverrides?.[0]?.command).toEqual([
      'apps/admin/src/main.ts',
      'revoke-organiser',
      'bruno@example.com',
    ]);
    expect(printed).toContain('  no account with e-mail bruno@example.com');
    expect(output()).not.toContain(': done');
  });

  it('fails when the task stops before its container ran (no exit code)', async () => {
    ecs.on(DescribeTasksCommand).resolves({
      tasks: [{ lastStatus: 'STOPPED', stoppedReason: 'CannotPullContainerError', containers: [{}] }],
    });
    logs
      .on(FilterLogEventsCommand)
      .rejects(Object.assign(new Error('no stream'), { name: 'ResourceNotFoundException' }));
    await expect(runCommand(context(), ['grant-organiser', 'ana@example.com', '--env', 'prod'])).rejects.toThrow(
      /exit code none \(CannotPullContainerError\)/,
    );
    expect(printed).toContain('  (its output has not reached the logs yet)');
  });

  it('still succeeds on exit code 0 when its output cannot be read', async () => {
    ecs.on(DescribeTasksCommand).resolves({ tasks: [{ lastStatus: 'STOPPED', containers: [{ exitCode: 0 }] }] });
    logs.on(FilterLogEventsCommand).rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));
    await runCommand(context(), ['grant-organiser', 'ana@example.com', '--env', 'prod']);
    expect(printed).toContain('  (its output could not be read: not allowed)');
    expect(printed.at(-1)).toBe('grant-organiser ana@example.com: done');
  });

  it('fails when ECS cannot place the task', async () => {
    ecs.on(RunTaskCommand).resolves({ tasks: [], failures: [{ reason: 'RESOURCE:ENI' }] });
    await expect(runCommand(context(), ['grant-organiser', 'ana@example.com', '--env', 'prod'])).rejects.toThrow(
      'the grant-organiser task did not start: RESOURCE:ENI',
    );
    expect(ecs.commandCalls(DescribeTasksCommand)).toHaveLength(0);
  });

  it('refuses to run when the task definition still names a program in its entry point (the override would only add arguments)', async () => {
    ecs.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: { containerDefinitions: [{ name: 'app', entryPoint: ['node', 'apps/api/src/migrate.ts'] }] },
    });
    await expect(runCommand(context(), ['grant-organiser', 'ana@example.com', '--env', 'prod'])).rejects.toThrow(
      /entry point is "node apps\/api\/src\/migrate.ts".*deploy the current infra first/,
    );
    expect(ecs.commandCalls(RunTaskCommand)).toHaveLength(0);
  });

  for (const operands of [
    [],
    ['ana'],
    ['ana@example'],
    ['--', '-x@example.com'],
    ['ana @example.com'],
    ['a@b.com', 'c@d.com'],
  ]) {
    it(`refuses ${JSON.stringify(operands)} as the e-mail without calling AWS`, async () => {
      await expect(runCommand(context(), ['grant-organiser', ...operands, '--env', 'prod'])).rejects.toThrow(
        /expected (an|one) e-mail address/,
      );
      expect(cloudFormation.calls()).toHaveLength(0);
      expect(ecs.calls()).toHaveLength(0);
    });
  }
});
