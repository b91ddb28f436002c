import type { Config } from '@anb/config';
import type { JobQueue, ObjectStore } from '@anb/core';
import type { S3ClientSettings } from '@anb/storage/aws';

// The AWS adapters load only when the configuration chooses them: on local disk and the PostgreSQL queue
// the SDK would be a fifth of the API's heap, 27 MB of its memory, for nothing (ADR 34).

/** STORAGE=s3: the media bucket. */
export async function s3ObjectStoreFor(config: Config): Promise<ObjectStore> {
  const { createS3Client, S3ObjectStore } = await import('@anb/storage/aws');
  return new S3ObjectStore({
    bucket: config.S3_BUCKET as string,
    client: createS3Client(s3ClientSettingsOf(config)),
    ...(config.S3_PUBLIC_ENDPOINT
      ? { signingClient: createS3Client(s3ClientSettingsOf(config, config.S3_PUBLIC_ENDPOINT)) }
      : {}),
  });
}

/** The media bucket's client; `endpoint` replaces S3_ENDPOINT (the public one, to sign links with). */
export function s3ClientSettingsOf(config: Config, endpoint = config.S3_ENDPOINT): S3ClientSettings {
  return { region: config.AWS_REGION, forcePathStyle: config.S3_FORCE_PATH_STYLE, ...(endpoint ? { endpoint } : {}) };
}

/** QUEUE=sqs: the processing queue and its dead-letter queue. */
export async function sqsJobQueueFor(config: Config): Promise<JobQueue> {
  const { createSqsClient, SqsJobQueue } = await import('@anb/queue/aws');
  return new SqsJobQueue({
    client: createSqsClient({
      region: config.AWS_REGION,
      ...(config.SQS_ENDPOINT ? { endpoint: config.SQS_ENDPOINT } : {}),
    }),
    queueUrl: config.SQS_QUEUE_URL as string,
    ...(config.SQS_DLQ_URL ? { dlqUrl: config.SQS_DLQ_URL } : {}),
    visibilityTimeoutSeconds: config.QUEUE_VISIBILITY_TIMEOUT,
  });
}
