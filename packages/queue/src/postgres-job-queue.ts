import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { ConsumeOptions, JobQueue, ProcessVideoJob, QueueDepth, ReceivedMessage } from '@anb/core';
import type { Database } from '@anb/db';
import { DEFAULT_BACKOFF, type BackoffSettings } from './backoff.ts';
import { Doorbell } from './doorbell.ts';
import { consumeLeases, type Lease, type LeaseStore } from './lease-consumer.ts';
import { LeaseLostError } from './lease-lost-error.ts';
import { MESSAGE_VISIBLE_CHANNEL, PostgresQueueTable } from './postgres-queue-table.ts';
import { PublishListener } from './publish-listener.ts';

export interface PostgresJobQueueOptions {
  db: Kysely<Database>;
  /** This queue's name within the shared `queue_messages` table. */
  queue: string;
  visibilityTimeoutSeconds: number;
  /** Receives after which a message is dead-lettered instead of delivered again (SQS `maxReceiveCount`). */
  maxReceives: number;
  /** Idle polling that finds messages whose visibility expired, and any missed notification. Default 1000. */
  pollIntervalMs?: number;
  /** Default: a third of the visibility timeout. */
  heartbeatIntervalMs?: number;
  /** How long the message of a failed handler stays invisible before its retry. Default 0: at once. */
  retryDelaySeconds?: number;
  /** Builds the dedicated connection that LISTENs for new messages; without it idle consumers only poll. */
  createListenerClient?: () => pg.Client;
  /** Delays between failed receives and between listener reconnections. */
  backoff?: BackoffSettings;
}

export interface DeadLetter<T> {
  id: string;
  body: T;
  receiveCount: number;
  deadAt: Date;
}

/** A durable queue in PostgreSQL with the observable semantics of SQS plus a redrive policy. */
export class PostgresJobQueue<T = ProcessVideoJob> implements JobQueue<T> {
  #table: PostgresQueueTable;
  #options: Required<Omit<PostgresJobQueueOptions, 'createListenerClient'>> &
    Pick<PostgresJobQueueOptions, 'createListenerClient'>;

  constructor(options: PostgresJobQueueOptions) {
    if (!(options.visibilityTimeoutSeconds > 0)) throw new RangeError('visibilityTimeoutSeconds must be positive');
    if (!(options.maxReceives >= 1)) throw new RangeError('maxReceives must be at least 1');
    this.#table = new PostgresQueueTable(options.db, options.queue);
    this.#options = {
      ...options,
      pollIntervalMs: options.pollIntervalMs ?? 1_000,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? (options.visibilityTimeoutSeconds * 1_000) / 3,
      retryDelaySeconds: options.retryDelaySeconds ?? 0,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
    };
  }

  publish(body: T): Promise<void> {
    return this.#table.insert(body);
  }

  async consume(handler: (message: ReceivedMessage<T>) => Promise<void>, options: ConsumeOptions): Promise<void> {
    const doorbell = new Doorbell();
    const listener = this.#listen(doorbell, options.onError ?? (() => {}));
    try {
      const { heartbeatIntervalMs, backoff } = this.#options;
      await consumeLeases(this.#leases(doorbell), handler, options, { heartbeatIntervalMs, backoff });
    } finally {
      await listener?.close();
    }
  }

  depth(): Promise<QueueDepth> {
    return this.#table.depth();
  }

  ping(): Promise<void> {
    return this.#table.ping();
  }

  /** The most recently dead-lettered messages, for inspection or a manual redrive. */
  async deadLetters(limit = 100): Promise<DeadLetter<T>[]> {
    return (await this.#table.deadLetters(limit)) as DeadLetter<T>[];
  }

  #listen(doorbell: Doorbell, onError: (error: unknown) => void): PublishListener | undefined {
    const { createListenerClient, queue, backoff } = this.#options;
    if (!createListenerClient) return undefined;
    const listener = new PublishListener({
      createClient: createListenerClient,
      channel: MESSAGE_VISIBLE_CHANNEL,
      onNotification: (queueName) => {
        if (queueName === queue) doorbell.ring();
      },
      onConnected: () => doorbell.ring(),
      onError,
      backoff,
    });
    listener.start();
    return listener;
  }

  #leases(doorbell: Doorbell): LeaseStore<T, Lease<T>> {
    const table = this.#table;
    const { visibilityTimeoutSeconds, maxReceives, pollIntervalMs, retryDelaySeconds } = this.#options;
    return {
      receive: async (max, signal) => {
        doorbell.arm();
        const { rows, deadLettered } = await table.receive(max, visibilityTimeoutSeconds, maxReceives);
        // Like an SQS long poll: only an empty answer waits, for a publish or the poll interval.
        if (rows.length === 0 && deadLettered === 0) await doorbell.wait(pollIntervalMs, signal);
        return rows.map((row) => ({ message: { id: row.id, body: row.body as T, receiveCount: row.receive_count } }));
      },
      extend: async ({ message }) => {
        if (!(await table.setVisibility(message.id, message.receiveCount, visibilityTimeoutSeconds))) {
          throw new LeaseLostError(message.id);
        }
      },
      delete: async ({ message }) => {
        if (!(await table.delete(message.id, message.receiveCount))) throw new LeaseLostError(message.id);
      },
      // A lost lease needs nothing more: the message is already visible again or with another consumer.
      retry: async ({ message }) => {
        await table.setVisibility(message.id, message.receiveCount, retryDelaySeconds);
      },
      release: async ({ message }) => {
        await table.setVisibility(message.id, message.receiveCount, 0);
      },
    };
  }
}
