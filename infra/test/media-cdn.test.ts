import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizeEnvironment } from './support/synth.ts';
import {
  asArray,
  type CfnJson,
  container,
  onlyResource,
  render,
  statementsOfRole,
} from './support/template-queries.ts';

type Synth = ReturnType<typeof synthesizeEnvironment>;
const PUBLIC_HOST = 'showcase.example.org';
const ORIGIN_HOST = 'origin.showcase.example.org';

let dev: Synth;
let prod: Synth;
beforeAll(() => {
  dev = synthesizeEnvironment('dev');
  // As an operator fills in the production block: the certificate covers both hosts; the origin's DNS names the ALB.
  prod = synthesizeEnvironment('prod', {}, (settings) =>
    Object.assign(settings, { domainName: PUBLIC_HOST, originDomainName: ORIGIN_HOST }),
  );
});

const distributionOf = (synth: Synth) => {
  const { logicalId, properties } = onlyResource(synth.template, 'AWS::CloudFront::Distribution');
  return { logicalId, config: properties.DistributionConfig as Record<string, CfnJson> };
};
const mediaBucketOf = (synth: Synth) =>
  onlyResource(synth.template, 'AWS::S3::Bucket', (r) => r.Properties.LoggingConfiguration !== undefined).logicalId;
const loadBalancerOf = (synth: Synth) =>
  onlyResource(synth.template, 'AWS::ElasticLoadBalancingV2::LoadBalancer').logicalId;
/** Each behaviour by path pattern (`default` for the default one), with its origin resolved. */
const behavioursOf = (synth: Synth) => {
  const { config } = distributionOf(synth);
  const origins = new Map((config.Origins as CfnJson[]).map((origin) => [origin.Id, origin]));
  const withOrigin = (behaviour: CfnJson) => ({ ...behaviour, origin: origins.get(behaviour.TargetOriginId) });
  return {
    default: withOrigin(config.DefaultCacheBehavior),
    ...Object.fromEntries((config.CacheBehaviors as CfnJson[]).map((b) => [b.PathPattern, withOrigin(b)])),
  } as Record<string, CfnJson>;
};
/** The media bucket policy's statements about CloudFront. */
const cloudFrontStatementsOf = (synth: Synth) => {
  const bucket = mediaBucketOf(synth);
  const policy = onlyResource(synth.template, 'AWS::S3::BucketPolicy', (r) => r.Properties.Bucket.Ref === bucket);
  return (policy.properties.PolicyDocument.Statement as CfnJson[]).filter((statement) =>
    asArray(statement.Principal?.Service ?? []).includes('cloudfront.amazonaws.com'),
  );
};
const distributionArn = (synth: Synth) =>
  `arn:aws:cloudfront::123456789012:distribution/<${distributionOf(synth).logicalId}>`;
const taskRoleOf = (synth: Synth, service: 'api' | 'worker') =>
  container(synth.template, service).task.TaskRoleArn['Fn::GetAtt'][0] as string;

const CACHING_DISABLED = cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId;
const CACHING_OPTIMIZED = cloudfront.CachePolicy.CACHING_OPTIMIZED.cachePolicyId;
const ALL_VIEWER_EXCEPT_HOST = cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId;

describe('CloudFront: what goes through it', () => {
  it('serves /processed/* from the media bucket through origin access control, and nothing else from S3', () => {
    const behaviours = behavioursOf(dev);
    const media = behaviours['/processed/*'];
    expect(render(media.origin.DomainName)).toBe(`<${mediaBucketOf(dev)}.RegionalDomainName>`);
    const oac = onlyResource(dev.template, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    expect(media.origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oac.logicalId, 'Id'] });
    // An empty identity: no legacy OAI.
    expect(media.origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    const fromS3 = Object.entries(behaviours).filter(([, b]) => b.origin.S3OriginConfig !== undefined);
    expect(fromS3.map(([path]) => path)).toEqual(['/processed/*']);
    expect(Object.keys(behaviours).filter((path) => path.includes('uploaded'))).toEqual([]);
  });

  it('sends the web app, /api/*, /v/* and /assets/* to the load balancer in front of the API', () => {
    const behaviours = behavioursOf(dev);
    for (const path of ['default', '/api/*', '/v/*', '/assets/*']) {
      expect(render(behaviours[path].origin.DomainName), path).toBe(`<${loadBalancerOf(dev)}.DNSName>`);
    }
  });

  it('caches clips and posters a day by default and up to a year, keyed on the path alone', () => {
    const policyRef = behavioursOf(dev)['/processed/*'].CachePolicyId;
    const { properties } = onlyResource(dev.template, 'AWS::CloudFront::CachePolicy');
    expect({ Ref: onlyResource(dev.template, 'AWS::CloudFront::CachePolicy').logicalId }).toEqual(policyRef);
    const config = properties.CachePolicyConfig;
    expect(config).toMatchObject({ DefaultTTL: 86_400, MaxTTL: 31_536_000, MinTTL: 0 });
    expect(config.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
      QueryStringsConfig: { QueryStringBehavior: 'none' },
    });
    expect(behavioursOf(dev)['/processed/*'].AllowedMethods).toEqual(['GET', 'HEAD']);
  });

  it('never caches the app, the API or share pages, and forwards every viewer header but Host (Authorization too)', () => {
    const behaviours = behavioursOf(dev);
    for (const path of ['default', '/api/*', '/v/*']) {
      expect(behaviours[path], path).toMatchObject({
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
      });
    }
  });

  it('lets the API behaviour take every method the API and tus uploads use', () => {
    const methods = behavioursOf(dev)['/api/*'].AllowedMethods as string[];
    expect(methods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS']));
  });

  it('caches the web app’s hashed assets with the managed CachingOptimized policy', () => {
    expect(behavioursOf(dev)['/assets/*']).toMatchObject({
      CachePolicyId: CACHING_OPTIMIZED,
      AllowedMethods: ['GET', 'HEAD'],
    });
  });

  it('redirects every viewer request over plain HTTP to HTTPS', () => {
    for (const [path, behaviour] of Object.entries(behavioursOf(dev))) {
      expect(behaviour.ViewerProtocolPolicy, path).toBe('redirect-to-https');
    }
  });

  it('logs viewer requests into the access-log bucket, which accepts CloudFront’s ACL-based delivery', () => {
    const { config } = distributionOf(dev);
    const logs = onlyResource(dev.template, 'AWS::S3::Bucket', (r) =>
      r.Properties.LifecycleConfiguration.Rules.some((rule: CfnJson) => rule.Id === 'expire-access-logs'),
    );
    expect(config.Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [logs.logicalId, 'RegionalDomainName'] },
      Prefix: 'cdn/',
    });
    expect(logs.properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerPreferred' }]);
    expect(logs.properties.PublicAccessBlockConfiguration.RestrictPublicBuckets).toBe(true);
  });
});

describe('CloudFront: reaching the load balancer', () => {
  it('uses plain HTTP to the ALB’s own name where the ALB has no certificate (dev)', () => {
    expect(behavioursOf(dev).default.origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'http-only' });
  });

  it('uses HTTPS (TLS 1.2) to the origin host name the certificate covers in production', () => {
    const origin = behavioursOf(prod).default.origin;
    expect(origin.DomainName).toBe(ORIGIN_HOST);
    expect(origin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
  });

  it('warns when a certificate has no originDomainName, as CloudFront could not verify the ALB’s own name', () => {
    const withoutHost = synthesizeEnvironment('prod');
    Annotations.fromStack(withoutHost.appStack).hasWarning(
      '*',
      Match.stringLikeRegexp('certificateArn without originDomainName'),
    );
    expect(
      Annotations.fromStack(prod.appStack).findWarning('*', Match.stringLikeRegexp('certificateArn without')),
    ).toEqual([]);
  });

  it('serves the public host name itself, with the certificate and TLS 1.2 to viewers, in production', () => {
    const { config } = distributionOf(prod);
    expect(config.Aliases).toEqual([PUBLIC_HOST]);
    expect(config.ViewerCertificate).toMatchObject({
      AcmCertificateArn: prod.settings.certificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    expect(prod.template.findOutputs('PublicUrl').PublicUrl?.Value).toBe(`https://${PUBLIC_HOST}`);
  });
});

describe('media bucket policy: CloudFront reads processed media only, never hidden ones', () => {
  it('allows s3:GetObject to this distribution only (AWS:SourceArn), on processed/* only', () => {
    const allows = cloudFrontStatementsOf(dev).filter((statement) => statement.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    const [allow] = allows;
    expect(asArray(allow.Action)).toEqual(['s3:GetObject']);
    expect(asArray(allow.Resource).map(render)).toEqual([`<${mediaBucketOf(dev)}.Arn>/processed/*`]);
    expect(Object.keys(allow.Condition)).toEqual(['StringEquals']);
    expect(Object.keys(allow.Condition.StringEquals)).toEqual(['AWS:SourceArn']);
    expect(render(allow.Condition.StringEquals['AWS:SourceArn'])).toBe(distributionArn(dev));
  });

  it('grants CloudFront nothing on uploaded/* or the whole bucket', () => {
    const resources = cloudFrontStatementsOf(dev)
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap((statement) => asArray(statement.Resource).map(render));
    expect(resources.filter((resource) => !resource.endsWith('/processed/*'))).toEqual([]);
  });

  it('denies CloudFront s3:GetObject on processed/* objects tagged visibility=hidden, and only those', () => {
    const denies = cloudFrontStatementsOf(dev).filter((statement) => statement.Effect === 'Deny');
    expect(denies).toHaveLength(1);
    const [deny] = denies;
    expect(asArray(deny.Action)).toEqual(['s3:GetObject']);
    expect(asArray(deny.Resource).map(render)).toEqual([`<${mediaBucketOf(dev)}.Arn>/processed/*`]);
    // An object without the tag does not match StringEquals, so it stays readable.
    expect(deny.Condition).toEqual({ StringEquals: { 's3:ExistingObjectTag/visibility': 'hidden' } });
  });
});

describe('the API hides videos through the CDN; the worker has no part in it', () => {
  const statementsWith = (synth: Synth, service: 'api' | 'worker', action: string) =>
    statementsOfRole(synth.template, taskRoleOf(synth, service)).filter(
      (statement) => statement.Effect === 'Allow' && asArray(statement.Action).includes(action),
    );

  it('lets the API task role tag and untag processed/* objects, nothing wider', () => {
    for (const action of ['s3:PutObjectTagging', 's3:DeleteObjectTagging']) {
      const resources = statementsWith(dev, 'api', action).flatMap((statement) =>
        asArray(statement.Resource).map(render),
      );
      expect(resources, action).toEqual([`<${mediaBucketOf(dev)}.Arn>/processed/*`]);
      expect(statementsWith(dev, 'worker', action), action).toEqual([]);
    }
  });

  it('lets the API task role invalidate this one distribution', () => {
    const resources = statementsWith(dev, 'api', 'cloudfront:CreateInvalidation').flatMap((statement) =>
      asArray(statement.Resource).map(render),
    );
    expect(resources).toEqual([distributionArn(dev)]);
    expect(statementsWith(dev, 'worker', 'cloudfront:CreateInvalidation')).toEqual([]);
  });

  it('gives the API container the CDN address (https, no trailing slash) and distribution id; not the worker', () => {
    const { logicalId } = distributionOf(dev);
    const api = container(dev.template, 'api').environment;
    expect(render(api.MEDIA_CDN_URL)).toBe(`https://<${logicalId}.DomainName>`);
    expect(api.MEDIA_CDN_DISTRIBUTION_ID).toEqual({ Ref: logicalId });
    const worker = container(dev.template, 'worker').environment;
    expect(Object.keys(worker).filter((name) => name.startsWith('MEDIA_CDN_'))).toEqual([]);
  });

  it('outputs the CDN address and distribution id for operators', () => {
    const { logicalId } = distributionOf(dev);
    const outputs = dev.template.findOutputs('*');
    expect(render(outputs.MediaCdnUrl?.Value)).toBe(`https://<${logicalId}.DomainName>`);
    expect(outputs.MediaCdnDistributionId?.Value).toEqual({ Ref: logicalId });
  });
});

describe('CloudFront and cdk-nag', () => {
  const acknowledgedOnDistribution = (synth: Synth) =>
    synth.appStack.node
      .findAll()
      .filter((construct) => construct.node.path.endsWith('/Cdn/Distribution'))
      .flatMap((construct) => construct.node.metadata.flatMap((entry) => Object.keys((entry.data ?? {}) as object)))
      .filter((id) => id.includes('AwsSolutions-CFR'))
      .map((id) => id.replace(/^.*AwsSolutions-/, ''))
      .sort();

  it('leaves no unacknowledged AwsSolutions finding in dev or prod', () => {
    expect(dev.nagReport.violations.map((violation) => violation.ruleName)).toEqual([]);
    expect(prod.nagReport.violations.map((violation) => violation.ruleName)).toEqual([]);
  });

  it('needs no acknowledgement for logging, the web ACL, origin access control or TLS in production', () => {
    expect(acknowledgedOnDistribution(prod)).toEqual(['CFR1']);
    // Without an alias the default certificate stays; only where the ALB has no certificate is the origin on HTTP.
    expect(acknowledgedOnDistribution(dev)).toEqual(['CFR1', 'CFR4', 'CFR5']);
  });
});
