import type { Config } from '@anb/config';
import type { ObjectStore, PublishedMedia } from '@anb/core';
import { SignedPublishedMedia } from '@anb/storage';
import { s3ClientSettingsOf } from './aws-adapters.ts';

/** The CDN when MEDIA_CDN_URL names one (production); otherwise the store's own signed links. */
export async function publishedMediaFor(config: Config, store: ObjectStore): Promise<PublishedMedia> {
  if (!config.MEDIA_CDN_URL) return new SignedPublishedMedia(store, config.SIGNED_URL_TTL);
  // Loaded only here, so a process without a CDN does not carry the AWS SDK (ADR 34).
  const { CdnPublishedMedia, createCloudFrontClient, createS3Client } = await import('@anb/storage/aws');
  return new CdnPublishedMedia({
    cdnUrl: config.MEDIA_CDN_URL,
    distributionId: config.MEDIA_CDN_DISTRIBUTION_ID as string,
    bucket: config.S3_BUCKET as string,
    s3: createS3Client(s3ClientSettingsOf(config)),
    // CloudFront's API lives in us-east-1 whatever the bucket's region.
    cloudFront: createCloudFrontClient('us-east-1'),
  });
}
