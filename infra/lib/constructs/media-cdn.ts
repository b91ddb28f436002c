import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag.ts';
import { PROCESSED_PREFIX } from './media-storage.ts';

/**
 * The web app, `/api/*` and `/v/*` from the load balancer, uncached (with caching off, the origin request policy
 * also forwards Authorization); `/assets/*` cached; `processed/*` from the bucket.
 */
function appBehaviours(
  app: CdnAppProps,
  mediaBehaviour: cloudfront.BehaviorOptions,
): Pick<cloudfront.DistributionProps, 'defaultBehavior' | 'additionalBehaviors'> {
  const origin = new origins.HttpOrigin(app.originDomainName, {
    protocolPolicy: app.https ? cloudfront.OriginProtocolPolicy.HTTPS_ONLY : cloudfront.OriginProtocolPolicy.HTTP_ONLY,
    originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    // The most CloudFront allows without a quota increase; a 100 MB upload is checked before the API answers.
    readTimeout: Duration.seconds(60),
    customHeaders: { [app.originHeader.name]: app.originHeader.value },
  });
  const dynamic: cloudfront.BehaviorOptions = {
    origin,
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
    originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
  };
  return {
    defaultBehavior: { ...dynamic, allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL },
    additionalBehaviors: {
      // tus uploads send PATCH, HEAD and DELETE; CORS preflights are OPTIONS.
      '/api/*': { ...dynamic, allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL },
      // Share pages render the video's current state (a hidden video's page must change at once).
      '/v/*': { ...dynamic, allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS },
      // The web app's build output: file names carry a content hash.
      '/assets/*': {
        origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        compress: true,
      },
      [`/${PROCESSED_PREFIX}*`]: mediaBehaviour,
    },
  };
}

/** The S3 object tag the API puts on a hidden video's clip and poster; CloudFront may not read a tagged object. */
export const HIDDEN_OBJECT_TAG = { key: 'visibility', value: 'hidden' } as const;
/** Where CloudFront writes its access logs in the access-log bucket. */
export const CDN_LOG_PREFIX = 'cdn/';

export interface MediaCdnProps {
  envName: string;
  bucket: s3.IBucket;
  /** The access-log bucket; CloudFront's standard logs need ACLs enabled on it. */
  logBucket: s3.IBucket;
  /** When set, the distribution fronts the web app and the API too; without it, it serves media only. */
  app?: CdnAppProps;
}

export interface CdnAppProps {
  /** How CloudFront reaches the load balancer: a host name on its certificate over HTTPS, else the ALB's over HTTP. */
  originDomainName: string;
  https: boolean;
  /** Sent with every request to the load balancer, whose listener refuses requests without it. */
  originHeader: { name: string; value: string };
  /** The web ACL (scope CLOUDFRONT) that sees viewers' addresses. */
  webAclArn: string;
  /** The public host name viewers use, with a certificate in us-east-1 that covers it. */
  alias?: { domainName: string; certificateArn: string };
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
  /** Where viewers open the app when the distribution fronts it: the alias, else the distribution's own name. */
  readonly publicUrl: string;
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
    const mediaBehaviour: cloudfront.BehaviorOptions = {
      origin: media,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: mediaCachePolicy,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      // MP4 and JPEG are compressed already.
      compress: false,
    };
    const { app } = props;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: app ? `anb-${props.envName}: web app, API and processed media` : `anb-${props.envName}: processed media`,
      // North America and Europe edges: the cheapest per GB; viewers elsewhere reach the nearest of them.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: CDN_LOG_PREFIX,
      ...(app ? appBehaviours(app, mediaBehaviour) : { defaultBehavior: mediaBehaviour }),
      ...(app?.alias
        ? {
            domainNames: [app.alias.domainName],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', app.alias.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(app ? { webAclId: app.webAclArn } : {}),
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    this.publicUrl = app?.alias ? `https://${app.alias.domainName}` : this.url;
    this.allowReadsOfProcessedMedia();
    this.acknowledgeFindings(props.app);
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

  private acknowledgeFindings(app: CdnAppProps | undefined): void {
    acknowledgeNag(
      this.distribution,
      'CFR1',
      'A public contest: anyone anywhere may watch and vote; no content is licensed per country.',
    );
    if (!app) {
      acknowledgeNag(
        this.distribution,
        'CFR2',
        'Serves cached media only; requests for the app and API pass the regional web ACL on the load balancer.',
      );
    }
    if (!app?.alias) {
      acknowledgeNag(
        this.distribution,
        'CFR4',
        'Served on its *.cloudfront.net name, whose default certificate CloudFront fixes at TLSv1; needs an alias to raise.',
      );
    }
    if (app && !app.https) {
      // Only non-production environments get here: the settings refuse a production one without a certificate.
      acknowledgeNag(
        this.distribution,
        'CFR5',
        'Without a certificate the load balancer listens on HTTP only; production requires certificateArn.',
      );
    }
  }
}
