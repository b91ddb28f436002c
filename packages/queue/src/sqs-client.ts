import { SQSClient } from '@aws-sdk/client-sqs';

export interface SqsClientSettings {
  region: string;
  /** Override for emulators (fauxqs, LocalStack); omit for real AWS. */
  endpoint?: string;
}

/** Credentials come from the SDK's default chain (env vars, ECS task role, profile), never from here. */
export function createSqsClient({ region, endpoint }: SqsClientSettings): SQSClient {
  return new SQSClient({ region, ...(endpoint === undefined ? {} : { endpoint }) });
}
