export { LocalObjectStore, type LocalObjectStoreOptions, type MediaRequest } from './local-object-store.ts';
export { S3ObjectStore, type S3ObjectStoreOptions } from './s3-object-store.ts';
export { createS3Client, type S3ClientSettings } from './s3-client.ts';
export { InvalidObjectKeyError, isValidObjectKey } from './object-key.ts';
export { EXPIRY_WINDOW_SECONDS, MEDIA_ROUTE_PREFIX } from './media-signature.ts';
export { SignedPublishedMedia } from './signed-published-media.ts';
export {
  CdnPublishedMedia,
  createCloudFrontClient,
  HIDDEN_TAG,
  type CdnPublishedMediaOptions,
} from './cdn-published-media.ts';
