import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export const UPLOADED_PREFIX = 'uploaded/';
export const PROCESSED_PREFIX = 'processed/';
/** Unfinished resumable (tus) uploads and their state; the API's `S3_RESUMABLE_PREFIX`. */
export const RESUMABLE_PREFIX = 'resumable/';

export interface MediaStorageProps {
  removalPolicy: RemovalPolicy;
}

/**
 * The media bucket (originals under uploaded/, clips and posters under processed/) and the bucket that
 * receives its access logs, the load balancer's and CloudFront's.
 */
export class MediaStorage extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: MediaStorageProps) {
    super(scope, id);
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // Load balancer access logs only support SSE-S3.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are delivered through an ACL grant; the bucket still owns every object.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(90) }],
      removalPolicy: props.removalPolicy,
    });
    this.bucket = new s3.Bucket(this, 'Media', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'media/',
      lifecycleRules: [
        // 100 MB uploads are multipart; parts of an interrupted upload are billed until aborted.
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Unfinished resumable uploads expire after 24 h and the API sweeps them; this catches what a sweep missed.
        { id: 'expire-abandoned-resumable-uploads', prefix: RESUMABLE_PREFIX, expiration: Duration.days(2) },
        {
          id: 'originals-to-infrequent-access',
          prefix: UPLOADED_PREFIX,
          transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
        },
      ],
      removalPolicy: props.removalPolicy,
    });
  }
}
