import { S3Client } from '@aws-sdk/client-s3';

export interface S3ClientSettings {
  region: string;
  /** Override for emulators (fauxqs, LocalStack, MinIO); omit for real AWS. */
  endpoint?: string;
  /** Path-style URLs (`http://host/bucket/key`) avoid wildcard DNS for emulators. */
  forcePathStyle?: boolean;
}

/** Credentials come from the SDK's default chain (env vars, ECS task role, profile), never from here. */
export function createS3Client({ region, endpoint, forcePathStyle = false }: S3ClientSettings): S3Client {
  return new S3Client({ region, forcePathStyle, ...(endpoint === undefined ? {} : { endpoint }) });
}
