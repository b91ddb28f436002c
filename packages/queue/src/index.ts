export { PostgresJobQueue, type PostgresJobQueueOptions, type DeadLetter } from './postgres-job-queue.ts';
export { SqsJobQueue, type SqsJobQueueOptions } from './sqs-job-queue.ts';
export { createSqsClient, type SqsClientSettings } from './sqs-client.ts';
export { DEFAULT_BACKOFF, type BackoffSettings } from './backoff.ts';
export { LeaseLostError } from './lease-lost-error.ts';
