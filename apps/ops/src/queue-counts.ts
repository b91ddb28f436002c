import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { OpsClients } from './context.ts';

export interface QueueCounts {
  arn: string;
  waiting: number;
  inFlight: number;
}

export async function queueCounts(clients: OpsClients, queueUrl: string): Promise<QueueCounts> {
  const { Attributes = {} } = await clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return {
    arn: Attributes.QueueArn ?? '',
    waiting: Number(Attributes.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
}
