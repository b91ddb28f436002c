import { randomUUID } from 'node:crypto';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { afterAll, beforeAll, vi } from 'vitest';
import { findFreePort } from '@anb/testing/free-port';
import { createSqsClient, SqsJobQueue } from '../src/aws.ts';
import { describeJobQueueContract } from './job-queue.contract.ts';

let emulator: FauxqsServer;
let client: SQSClient;
const unreachableClients: SQSClient[] = [];

beforeAll(async () => {
  // The emulator accepts any credentials; the default chain reads these from the environment.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  emulator = await startFauxqs({ port: 0, logger: false });
  client = createSqsClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${emulator.port}` });
});
afterAll(async () => {
  client?.destroy();
  for (const unreachable of unreachableClients) unreachable.destroy();
  await emulator?.stop();
  vi.unstubAllEnvs();
});

/** A main queue and its dead-letter queue, created over the SQS API as infrastructure code would. */
async function createQueuePair(maxReceives: number, visibilityTimeoutSeconds: number) {
  const name = `test-${randomUUID()}`;
  const dlq = await client.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const main = await client.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: maxReceives }),
      },
    }),
  );
  return { queueUrl: main.QueueUrl!, dlqUrl: dlq.QueueUrl! };
}

describeJobQueueContract('SqsJobQueue', {
  createQueue: async ({ maxReceives, visibilityTimeoutSeconds }) => {
    const urls = await createQueuePair(maxReceives, visibilityTimeoutSeconds);
    return { connect: (overrides) => new SqsJobQueue({ client, ...urls, visibilityTimeoutSeconds, ...overrides }) };
  },
  unreachableQueue: async () => {
    // One attempt per call: the SDK's own retries would only slow the test down.
    const unreachable = new SQSClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${await findFreePort()}`,
      maxAttempts: 1,
    });
    unreachableClients.push(unreachable);
    return new SqsJobQueue({
      client: unreachable,
      queueUrl: 'http://127.0.0.1/000000000000/nowhere',
      visibilityTimeoutSeconds: 5,
      backoff: { initialDelayMs: 10, maxDelayMs: 50 },
    });
  },
});
