export { PostgresJobQueue, type PostgresJobQueueOptions, type DeadLetter } from './postgres-job-queue.ts';
export { DEFAULT_BACKOFF, type BackoffSettings } from './backoff.ts';
export { LeaseLostError } from './lease-lost-error.ts';
