import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { DeleteObjectTaggingCommand, PutObjectTaggingCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { objectKeys } from '@anb/core';
import { CdnPublishedMedia } from '../src/aws.ts';
import { InvalidObjectKeyError } from '../src/index.ts';

const s3Mock = mockClient(S3Client);
const cloudFrontMock = mockClient(CloudFrontClient);
const s3 = new S3Client({ region: 'us-east-1' });
const cloudFront = new CloudFrontClient({ region: 'us-east-1' });
const media = new CdnPublishedMedia({
  cdnUrl: 'https://d111111abcdef8.cloudfront.net/',
  distributionId: 'E2QWRUHAPOMQZL',
  bucket: 'anb-media',
  s3,
  cloudFront,
});

const videoId = '0190f5d2-7d5e-7c3a-9d51-0a1b2c3d4e5f';
const files = [objectKeys.processed(videoId), objectKeys.poster(videoId)];
const missingKey = () =>
  new S3ServiceException({ name: 'NoSuchKey', $fault: 'client', $metadata: { httpStatusCode: 404 }, message: 'gone' });

beforeEach(() => {
  s3Mock.reset();
  cloudFrontMock.reset();
  s3Mock.on(PutObjectTaggingCommand).resolves({});
  s3Mock.on(DeleteObjectTaggingCommand).resolves({});
  cloudFrontMock.on(CreateInvalidationCommand).resolves({});
});
afterAll(() => {
  s3Mock.restore();
  cloudFrontMock.restore();
  s3.destroy();
  cloudFront.destroy();
});

const invalidations = () => cloudFrontMock.commandCalls(CreateInvalidationCommand).map((call) => call.args[0].input);

describe('CdnPublishedMedia', () => {
  it('hands out lasting URLs on the distribution, never for a key that could leave the bucket layout', async () => {
    expect(await media.urlOf(objectKeys.poster(videoId))).toBe(
      `https://d111111abcdef8.cloudfront.net/processed/${videoId}.jpg`,
    );
    await expect(media.urlOf('../uploaded/x.mp4')).rejects.toBeInstanceOf(InvalidObjectKeyError);
  });

  it('withdraws a hidden video: tags each object for the bucket policy, then invalidates the cached copies', async () => {
    await media.withdraw(files);

    const tagged = s3Mock.commandCalls(PutObjectTaggingCommand).map((call) => call.args[0].input);
    expect(tagged).toEqual(
      files.map((Key) => ({ Bucket: 'anb-media', Key, Tagging: { TagSet: [{ Key: 'visibility', Value: 'hidden' }] } })),
    );
    expect(invalidations()).toEqual([
      {
        DistributionId: 'E2QWRUHAPOMQZL',
        InvalidationBatch: {
          CallerReference: expect.any(String),
          Paths: { Quantity: 2, Items: [`/processed/${videoId}.mp4`, `/processed/${videoId}.jpg`] },
        },
      },
    ]);
  });

  it('reinstates a restored video: removes the tag, then invalidates the refusals edges may hold', async () => {
    await media.reinstate(files);

    const untagged = s3Mock.commandCalls(DeleteObjectTaggingCommand).map((call) => call.args[0].input);
    expect(untagged).toEqual(files.map((Key) => ({ Bucket: 'anb-media', Key })));
    expect(invalidations()).toHaveLength(1);
  });

  it('gives every invalidation its own caller reference, so a second hide is not taken for the first', async () => {
    await media.withdraw(files);
    await media.reinstate(files);
    await media.withdraw(files);
    const references = invalidations().map((input) => input.InvalidationBatch?.CallerReference);
    expect(new Set(references).size).toBe(3);
  });

  it('passes over an object that does not exist (a video without a poster)', async () => {
    s3Mock.on(PutObjectTaggingCommand, { Key: files[1] }).rejects(missingKey());
    await media.withdraw(files);
    expect(invalidations()).toHaveLength(1);
  });

  it('fails when the store refuses, before invalidating anything', async () => {
    s3Mock.on(PutObjectTaggingCommand).rejects(new Error('AccessDenied'));
    await expect(media.withdraw(files)).rejects.toThrow('AccessDenied');
    expect(invalidations()).toEqual([]);
  });
});
