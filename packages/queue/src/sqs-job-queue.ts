import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { ConsumeOptions, JobQueue, ProcessVideoJob, QueueDepth, ReceivedMessage } from '@anb/core';
import { DEFAULT_BACKOFF, type BackoffSettings } from './backoff.ts';
import { consumeLeases, type Lease, type LeaseStore } from './lease-consumer.ts';

export interface SqsJobQueueOptions {
  client: SQSClient;
  queueUrl: string;
  /** The dead-letter queue named by `queueUrl`'s RedrivePolicy; only read by `depth()`. */
  dlqUrl?: string;
  visibilityTimeoutSeconds: number;
  /** Long polling, 0–20. Default 20. */
  waitTimeSeconds?: number;
  /** Default: a third of the visibility timeout. */
  heartbeatIntervalMs?: number;
  /** How long the message of a failed handler stays invisible before its retry. Default 0: at once. */
  retryDelaySeconds?: number;
  /** Delays between failed receives (connection errors, throttling). */
  backoff?: BackoffSettings;
}

interface SqsLease<T> extends Lease<T> {
  receiptHandle: string;
}

// SQS refuses more per receive.
const MAX_MESSAGES_PER_RECEIVE = 10;

/** SQS through the AWS SDK; dead-lettering is the queue's RedrivePolicy, not this code. */
export class SqsJobQueue<T = ProcessVideoJob> implements JobQueue<T> {
  #client: SQSClient;
  #queueUrl: string;
  #dlqUrl: string | undefined;
  #visibilityTimeoutSeconds: number;
  #waitTimeSeconds: number;
  #heartbeatIntervalMs: number;
  #retryDelaySeconds: number;
  #backoff: BackoffSettings;

  constructor(options: SqsJobQueueOptions) {
    this.#client = options.client;
    this.#queueUrl = options.queueUrl;
    this.#dlqUrl = options.dlqUrl;
    this.#visibilityTimeoutSeconds = options.visibilityTimeoutSeconds;
    this.#waitTimeSeconds = options.waitTimeSeconds ?? 20;
    this.#heartbeatIntervalMs = options.heartbeatIntervalMs ?? (options.visibilityTimeoutSeconds * 1_000) / 3;
    this.#retryDelaySeconds = options.retryDelaySeconds ?? 0;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  async publish(body: T): Promise<void> {
    await this.#client.send(new SendMessageCommand({ QueueUrl: this.#queueUrl, MessageBody: JSON.stringify(body) }));
  }

  consume(handler: (message: ReceivedMessage<T>) => Promise<void>, options: ConsumeOptions): Promise<void> {
    const timing = { heartbeatIntervalMs: this.#heartbeatIntervalMs, backoff: this.#backoff };
    return consumeLeases(this.#leases(options.onError ?? (() => {})), handler, options, timing);
  }

  async depth(): Promise<QueueDepth> {
    const [main, dead] = await Promise.all([
      this.#attributes(this.#queueUrl, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible']),
      this.#dlqUrl ? this.#attributes(this.#dlqUrl, ['ApproximateNumberOfMessages']) : undefined,
    ]);
    return {
      visible: Number(main.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(main.ApproximateNumberOfMessagesNotVisible ?? 0),
      dead: Number(dead?.ApproximateNumberOfMessages ?? 0),
    };
  }

  async ping(): Promise<void> {
    await this.#attributes(this.#queueUrl, ['QueueArn']);
  }

  async #attributes(
    queueUrl: string,
    names: Array<'ApproximateNumberOfMessages' | 'ApproximateNumberOfMessagesNotVisible' | 'QueueArn'>,
  ) {
    const { Attributes } = await this.#client.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: names }),
    );
    return Attributes ?? {};
  }

  #leases(onError: (error: unknown) => void): LeaseStore<T, SqsLease<T>> {
    const setVisibility = async (lease: SqsLease<T>, seconds: number) => {
      await this.#client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: this.#queueUrl,
          ReceiptHandle: lease.receiptHandle,
          VisibilityTimeout: seconds,
        }),
      );
    };
    return {
      receive: async (max, signal) => {
        const { Messages = [] } = await this.#client.send(
          new ReceiveMessageCommand({
            QueueUrl: this.#queueUrl,
            MaxNumberOfMessages: Math.min(max, MAX_MESSAGES_PER_RECEIVE),
            WaitTimeSeconds: this.#waitTimeSeconds,
            VisibilityTimeout: this.#visibilityTimeoutSeconds,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
          { abortSignal: signal },
        );
        return Messages.flatMap((message) => this.#toLease(message, onError));
      },
      extend: (lease) => setVisibility(lease, this.#visibilityTimeoutSeconds),
      delete: async (lease) => {
        await this.#client.send(
          new DeleteMessageCommand({ QueueUrl: this.#queueUrl, ReceiptHandle: lease.receiptHandle }),
        );
      },
      retry: (lease) => setVisibility(lease, this.#retryDelaySeconds),
      release: (lease) => setVisibility(lease, 0),
    };
  }

  #toLease(message: Message, onError: (error: unknown) => void): SqsLease<T>[] {
    const { MessageId, ReceiptHandle, Body, Attributes } = message;
    if (!MessageId || !ReceiptHandle || Body === undefined) return [];
    let body: T;
    try {
      body = JSON.parse(Body) as T;
    } catch (error) {
      // Left invisible: it comes back until the RedrivePolicy moves it to the dead-letter queue.
      onError(new Error(`Queue message ${MessageId} is not JSON`, { cause: error }));
      return [];
    }
    const receiveCount = Number(Attributes?.ApproximateReceiveCount ?? 1);
    return [{ message: { id: MessageId, body, receiveCount }, receiptHandle: ReceiptHandle }];
  }
}
