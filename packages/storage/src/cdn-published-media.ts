import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { DeleteObjectTaggingCommand, NoSuchKey, PutObjectTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import type { PublishedMedia } from '@anb/core';
import { assertValidObjectKey } from './object-key.ts';

/** The object tag the bucket policy reads: the CDN may not fetch an object tagged `visibility=hidden`. */
export const HIDDEN_TAG = { Key: 'visibility', Value: 'hidden' } as const;

export interface CdnPublishedMediaOptions {
  /** The distribution's origin, e.g. `https://d111111abcdef8.cloudfront.net` (MEDIA_CDN_URL). */
  cdnUrl: string;
  distributionId: string;
  bucket: string;
  s3: S3Client;
  cloudFront: CloudFrontClient;
}

/**
 * Published files served by CloudFront from the bucket, at addresses that do not expire, so edges
 * and browsers may cache them. Hiding a video tags its objects (the bucket policy then refuses
 * them to the CDN) and invalidates the cached copies; restoring removes the tag and invalidates again.
 */
export class CdnPublishedMedia implements PublishedMedia {
  readonly #options: CdnPublishedMediaOptions;

  constructor(options: CdnPublishedMediaOptions) {
    this.#options = { ...options, cdnUrl: options.cdnUrl.replace(/\/+$/, '') };
  }

  async urlOf(key: string): Promise<string> {
    assertValidObjectKey(key);
    return `${this.#options.cdnUrl}/${key}`;
  }

  async withdraw(keys: readonly string[]): Promise<void> {
    const { s3, bucket } = this.#options;
    await this.#eachExisting(keys, (Key) =>
      s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key, Tagging: { TagSet: [HIDDEN_TAG] } })),
    );
    await this.#invalidate(keys);
  }

  async reinstate(keys: readonly string[]): Promise<void> {
    const { s3, bucket } = this.#options;
    await this.#eachExisting(keys, (Key) => s3.send(new DeleteObjectTaggingCommand({ Bucket: bucket, Key })));
    // Edges may hold the refusal they got while it was hidden.
    await this.#invalidate(keys);
  }

  async #eachExisting(keys: readonly string[], act: (key: string) => Promise<unknown>): Promise<void> {
    keys.forEach(assertValidObjectKey);
    await Promise.all(
      keys.map((key) =>
        act(key).catch((error: unknown) => {
          // PutObjectTagging's missing key is not modelled as NoSuchKey; its name says so.
          if (error instanceof NoSuchKey || (error instanceof Error && error.name === 'NoSuchKey')) return;
          throw error;
        }),
      ),
    );
  }

  async #invalidate(keys: readonly string[]): Promise<void> {
    const { cloudFront, distributionId } = this.#options;
    await cloudFront.send(
      new CreateInvalidationCommand({
        DistributionId: distributionId,
        InvalidationBatch: {
          // Unique per call: CloudFront treats a repeated reference as the same request.
          CallerReference: `${Date.now()}-${crypto.randomUUID()}`,
          Paths: { Quantity: keys.length, Items: keys.map((key) => `/${key}`) },
        },
      }),
    );
  }
}

export function createCloudFrontClient(region: string): CloudFrontClient {
  return new CloudFrontClient({ region });
}
