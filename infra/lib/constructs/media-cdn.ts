import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag.ts';
import { PROCESSED_PREFIX } from './media-storage.ts';

/** The S3 object tag the API puts on a hidden video's clip and poster; CloudFront may not read a tagged object. */
export const HIDDEN_OBJECT_TAG = { key: 'visibility', value: 'hidden' } as const;
/** Where CloudFront writes its access logs in the access-log bucket. */
export const CDN_LOG_PREFIX = 'cdn/';

export interface MediaCdnProps {
  envName: string;
  bucket: s3.IBucket;
  /** The access-log bucket; CloudFront's standard logs need ACLs enabled on it. */
  logBucket: s3.IBucket;
  /** How CloudFront reaches the load balancer: the certificate's host name over HTTPS, else the ALB's over HTTP. */
  appOrigin: { domainName: string; https: boolean };
}

/**
 * One CloudFront distribution in front of the platform: clips and posters (`processed/*`) straight from the
 * media bucket through Origin Access Control, cached long; everything else from the API's load balancer,
 * with caching only for the web app's hashed assets. Originals (`uploaded/*`) are never reachable through it.
 */
export class MediaCdn extends Construct {
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>`, no trailing slash: media URLs are this plus `/processed/<key>`. */
  readonly url: string;
  private readonly bucket: s3.IBucket;

  constructor(scope: Construct, id: string, props: MediaCdnProps) {
    super(scope, id);
    this.bucket = props.bucket;
    const originAccessControl = new cloudfront.S3OriginAccessControl(this, 'MediaAccess', {
      description: `anb-${props.envName}: CloudFront reads processed media`,
      signing: cloudfront.Signing.SIGV4_ALWAYS,
    });
    // withBucketDefaults plus our own OAC: withOriginAccessControl would grant CloudFront every object, originals too.
    const media = origins.S3BucketOrigin.withBucketDefaults(props.bucket, {
      originAccessControlId: originAccessControl.originAccessControlId,
    });
    const app = new origins.HttpOrigin(props.appOrigin.domainName, {
      protocolPolicy: props.appOrigin.https
        ? cloudfront.OriginProtocolPolicy.HTTPS_ONLY
        : cloudfront.OriginProtocolPolicy.HTTP_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      // The most CloudFront allows without a quota increase; a 100 MB upload is checked before the API answers.
      readTimeout: Duration.seconds(60),
    });
    // Published clips never change: a day by default, up to a year when the object says so; hiding invalidates.
    const mediaCachePolicy = new cloudfront.CachePolicy(this, 'MediaCachePolicy', {
      cachePolicyName: `anb-${props.envName}-media`,
      comment: 'Processed clips and posters: immutable once published',
      defaultTtl: Duration.days(1),
      maxTtl: Duration.days(365),
      minTtl: Duration.seconds(0),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
    });
    // Nothing the API answers is cached; with caching off, this policy also forwards Authorization.
    const dynamic: cloudfront.AddBehaviorOptions = {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `anb-${props.envName}: web app, API and processed media`,
      // North America and Europe edges: the cheapest per GB; viewers elsewhere reach the nearest of them.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: CDN_LOG_PREFIX,
      defaultBehavior: { ...dynamic, origin: app, allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL },
      additionalBehaviors: {
        // tus uploads send PATCH, HEAD and DELETE; CORS preflights are OPTIONS.
        '/api/*': { ...dynamic, origin: app, allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL },
        // Share pages render the video's current state (a hidden video's page must change at once).
        '/v/*': { ...dynamic, origin: app, allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS },
        // The web app's build output: file names carry a content hash.
        '/assets/*': {
          origin: app,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          compress: true,
        },
        [`/${PROCESSED_PREFIX}*`]: {
          origin: media,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: mediaCachePolicy,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          // MP4 and JPEG are compressed already.
          compress: false,
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    this.allowReadsOfProcessedMedia();
    this.acknowledgeFindings(props.appOrigin.https);
  }

  /** The API's settings for media URLs and for invalidating a hidden video's objects (packages/config). */
  get containerEnvironment(): Record<string, string> {
    return { MEDIA_CDN_URL: this.url, MEDIA_CDN_DISTRIBUTION_ID: this.distribution.distributionId };
  }

  /** Lets a role hide and restore processed media (object tags) and invalidate this distribution's copies. */
  grantHideMedia(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TagProcessedMedia',
        actions: ['s3:PutObjectTagging', 's3:DeleteObjectTagging'],
        resources: [this.bucket.arnForObjects(`${PROCESSED_PREFIX}*`)],
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'InvalidateMediaCdn',
        actions: ['cloudfront:CreateInvalidation'],
        resources: [this.distribution.distributionArn],
      }),
    );
  }

  /** This distribution, and no other, may read processed media; no CloudFront may read an object tagged hidden. */
  private allowReadsOfProcessedMedia(): void {
    const cloudFront = new iam.ServicePrincipal('cloudfront.amazonaws.com');
    const processed = this.bucket.arnForObjects(`${PROCESSED_PREFIX}*`);
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CdnReadsProcessedMedia',
        principals: [cloudFront],
        actions: ['s3:GetObject'],
        resources: [processed],
        conditions: { StringEquals: { 'AWS:SourceArn': this.distribution.distributionArn } },
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CdnNeverReadsHiddenMedia',
        effect: iam.Effect.DENY,
        principals: [cloudFront],
        actions: ['s3:GetObject'],
        resources: [processed],
        conditions: { StringEquals: { [`s3:ExistingObjectTag/${HIDDEN_OBJECT_TAG.key}`]: HIDDEN_OBJECT_TAG.value } },
      }),
    );
  }

  private acknowledgeFindings(httpsToOrigin: boolean): void {
    acknowledgeNag(
      this.distribution,
      'CFR1',
      'A public contest: anyone anywhere may watch and vote; no content is licensed per country.',
    );
    acknowledgeNag(
      this.distribution,
      'CFR2',
      'Requests for the app and API pass the regional web ACL on the load balancer; media are cached static files.',
    );
    acknowledgeNag(
      this.distribution,
      'CFR4',
      'Served on its *.cloudfront.net name, whose default certificate CloudFront fixes at TLSv1; needs an alias to raise.',
    );
    if (!httpsToOrigin) {
      // Only non-production environments get here: the settings refuse a production one without a certificate.
      acknowledgeNag(
        this.distribution,
        'CFR5',
        'Without a certificate the load balancer listens on HTTP only; production requires certificateArn.',
      );
    }
  }
}
