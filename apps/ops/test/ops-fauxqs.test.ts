import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCommand } from '../src/cli.ts';
import type { OpsContext } from '../src/context.ts';

// SQS is the real wire protocol against the emulator; the services fauxqs does not speak are mocked.
const cloudFormation = mockClient(CloudFormationClient);
const ecs = mockClient(ECSClient);
const logs = mockClient(CloudWatchLogsClient);
const cloudWatch = mockClient(CloudWatchClient);

let emulator: FauxqsServer;
let sqs: SQSClient;
let printed: string[];

beforeAll(async () => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  emulator = await startFauxqs({ port: 0, logger: false });
  sqs = new SQSClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${emulator.port}` });
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'anb-test-video-jobs-dlq' }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: 'anb-test-video-jobs',
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: 5 }) },
    }),
  );
  for (const videoId of ['a', 'b', 'c']) {
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.QueueUrl, MessageBody: JSON.stringify({ videoId }) }));
  }
  // One job held by a worker (in flight), two waiting; two dead letters.
  await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queue.QueueUrl, MaxNumberOfMessages: 1, VisibilityTimeout: 300 }),
  );
  for (const videoId of ['x', 'y']) {
    await sqs.send(new SendMessageCommand({ QueueUrl: dlq.QueueUrl, MessageBody: JSON.stringify({ videoId }) }));
  }
  const outputs = {
    ClusterName: 'anb-test',
    ApiServiceName: 'anb-test-api',
    WorkerServiceName: 'anb-test-worker',
    JobQueueUrl: queue.QueueUrl!,
    DeadLetterQueueUrl: dlq.QueueUrl!,
    MigrationTaskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/anb-test-migrate:1',
    MigrationSecurityGroupId: 'sg-1',
    AppSubnetIds: 'subnet-1',
  };
  cloudFormation.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'Anb-test-App',
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });
  ecs.on(DescribeServicesCommand).resolves({ services: [] });
  cloudWatch.on(GetMetricStatisticsCommand).resolves({ Datapoints: [] });
  logs.on(FilterLogEventsCommand).resolves({ events: [] });
});
afterAll(async () => {
  sqs?.destroy();
  await emulator?.stop();
  vi.unstubAllEnvs();
});

function context(): OpsContext {
  printed = [];
  return {
    clients: {
      cloudFormation: new CloudFormationClient({ region: 'us-east-1' }),
      ecs: new ECSClient({ region: 'us-east-1' }),
      sqs,
      logs: new CloudWatchLogsClient({ region: 'us-east-1' }),
      cloudWatch: new CloudWatchClient({ region: 'us-east-1' }),
      autoScaling: new ApplicationAutoScalingClient({ region: 'us-east-1' }),
    },
    out: (line) => void printed.push(line),
    sleep: async () => {},
    now: () => Date.now(),
  };
}

describe('ops against an SQS emulator', () => {
  it('status reads the waiting, in-flight and dead-letter counts over the SQS protocol', async () => {
    await runCommand(context(), ['status', '--env', 'test']);
    expect(printed).toContain('Queue: 2 waiting, 1 in progress; oldest waiting unknown (no datapoint in 10 min)');
    expect(printed).toContain('Dead-letter queue: 2 message(s) (see: npm run ops -- redrive)');
  });

  it('redrive shows the same counts before asking for --yes', async () => {
    await runCommand(context(), ['redrive', '--env', 'test']);
    expect(printed).toEqual([
      'Job queue: 2 waiting, 1 in progress',
      'Dead-letter queue: 2 message(s)',
      'Run again with --yes to move 2 message(s) back to the job queue.',
    ]);
  });
});
