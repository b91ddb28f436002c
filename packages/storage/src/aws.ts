// The S3 and CloudFront adapters, apart from the package's entry point: the AWS SDK they load is a fifth of
// the API's heap, and a process on local disk should not carry it (ADR 34).
export { S3ObjectStore, type S3ObjectStoreOptions } from './s3-object-store.ts';
export { createS3Client, type S3ClientSettings } from './s3-client.ts';
export {
  CdnPublishedMedia,
  createCloudFrontClient,
  HIDDEN_TAG,
  type CdnPublishedMediaOptions,
} from './cdn-published-media.ts';
