// The SQS adapter, apart from the package's entry point: a process on the PostgreSQL queue should not
// load the AWS SDK (ADR 34).
export { SqsJobQueue, type SqsJobQueueOptions } from './sqs-job-queue.ts';
export { createSqsClient, type SqsClientSettings } from './sqs-client.ts';
