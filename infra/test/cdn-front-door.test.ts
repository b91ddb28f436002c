import { beforeAll, describe, expect, it } from 'vitest';
import { CDN_PROXY_HOPS } from '../lib/app-stack.ts';
import { CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST, ORIGIN_VERIFY_HEADER } from '../lib/constructs/cdn-origin-guard.ts';
import { synthesizeEnvironment } from './support/synth.ts';
import { type CfnJson, container, onlyResource, render, resourcesOf } from './support/template-queries.ts';

type Synth = ReturnType<typeof synthesizeEnvironment>;

let dev: Synth;
let prod: Synth;
/** The ALB as the public entry point, CloudFront for media only. */
let devDirect: Synth;
let prodDirect: Synth;
beforeAll(() => {
  dev = synthesizeEnvironment('dev');
  prod = synthesizeEnvironment('prod', {}, (settings) =>
    Object.assign(settings, { domainName: 'showcase.example.org', originDomainName: 'origin.showcase.example.org' }),
  );
  devDirect = synthesizeEnvironment('dev', {}, (settings) => (settings.appThroughCdn = false));
  prodDirect = synthesizeEnvironment('prod', {}, (settings) =>
    Object.assign(settings, { appThroughCdn: false, domainName: 'showcase.example.org' }),
  );
});

const loadBalancerGroupOf = (synth: Synth) => {
  const loadBalancer = onlyResource(synth.template, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
  const [groupId] = loadBalancer.properties.SecurityGroups as CfnJson[];
  const logicalId = groupId['Fn::GetAtt'][0] as string;
  return { logicalId, properties: synth.template.toJSON().Resources[logicalId].Properties as Record<string, CfnJson> };
};
/** Every ingress rule of the ALB's security group, inline or as separate resources. */
const ingressOfLoadBalancer = (synth: Synth): CfnJson[] => {
  const group = loadBalancerGroupOf(synth);
  const separate = resourcesOf(synth.template, 'AWS::EC2::SecurityGroupIngress')
    .filter(([, rule]) => JSON.stringify(rule.Properties.GroupId).includes(`"${group.logicalId}"`))
    .map(([, rule]) => rule.Properties);
  return [...((group.properties.SecurityGroupIngress as CfnJson[] | undefined) ?? []), ...separate];
};
const prefixListLookupOf = (synth: Synth) => onlyResource(synth.template, 'Custom::CloudFrontOriginFacingPrefixList');
const listenersOf = (synth: Synth) => resourcesOf(synth.template, 'AWS::ElasticLoadBalancingV2::Listener');
const appOriginOf = (synth: Synth) => {
  const config = onlyResource(synth.template, 'AWS::CloudFront::Distribution').properties.DistributionConfig;
  return (config.Origins as CfnJson[]).find((origin) => origin.CustomOriginConfig !== undefined);
};

describe('the load balancer takes traffic from CloudFront only', () => {
  it("admits only CloudFront's origin-facing prefix list, on the one listener port", () => {
    for (const [synth, port] of [
      [dev, 80],
      [prod, 443],
    ] as const) {
      const ingress = ingressOfLoadBalancer(synth);
      expect(ingress).toHaveLength(1);
      expect(ingress[0]).toMatchObject({ IpProtocol: 'tcp', FromPort: port, ToPort: port });
      expect(ingress[0].CidrIp).toBeUndefined();
      expect(ingress[0].CidrIpv6).toBeUndefined();
      // The id the deploy-time lookup found.
      expect(ingress[0].SourcePrefixListId).toEqual({
        'Fn::GetAtt': [prefixListLookupOf(synth).logicalId, 'PrefixLists.0.PrefixListId'],
      });
      expect(listenersOf(synth).map(([, listener]) => listener.Properties.Port)).toEqual([port]);
    }
  });

  it('looks the prefix list up by name at deployment, allowed that one describe call only', () => {
    const lookup = prefixListLookupOf(dev);
    const create = JSON.parse(render(lookup.properties.Create));
    expect(create).toMatchObject({
      service: 'EC2',
      action: 'describeManagedPrefixLists',
      parameters: { Filters: [{ Name: 'prefix-list-name', Values: [CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST] }] },
    });
    const policies = resourcesOf(dev.template, 'AWS::IAM::Policy').filter(([, policy]) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('ec2:DescribeManagedPrefixLists'),
    );
    expect(policies).toHaveLength(1);
    expect(policies[0]![1].Properties.PolicyDocument.Statement).toEqual([
      { Action: 'ec2:DescribeManagedPrefixLists', Effect: 'Allow', Resource: '*' },
    ]);
  });

  it('refuses requests without the origin header CloudFront sends, which a dynamic reference fills in', () => {
    for (const synth of [dev, prod]) {
      const [[, listener]] = listenersOf(synth) as [[string, CfnJson]];
      expect(listener.Properties.DefaultActions).toEqual([
        {
          Type: 'fixed-response',
          FixedResponseConfig: { StatusCode: '403', ContentType: 'text/plain', MessageBody: 'Forbidden' },
        },
      ]);
      const rule = onlyResource(synth.template, 'AWS::ElasticLoadBalancingV2::ListenerRule');
      const target = onlyResource(synth.template, 'AWS::ElasticLoadBalancingV2::TargetGroup');
      expect(rule.properties.Actions).toEqual([{ Type: 'forward', TargetGroupArn: { Ref: target.logicalId } }]);
      const [condition] = rule.properties.Conditions as CfnJson[];
      expect(condition.HttpHeaderConfig.HttpHeaderName).toBe(ORIGIN_VERIFY_HEADER);
      const expected = condition.HttpHeaderConfig.Values[0];
      const secret = onlyResource(synth.template, 'AWS::SecretsManager::Secret', (r) =>
        String(r.Properties.Name).endsWith('/origin-verify'),
      );
      // The value is never in the template: both sides resolve the same generated secret at deployment.
      expect(render(expected)).toMatch(new RegExp(`^\\{\\{resolve:secretsmanager:<${secret.logicalId}>:SecretString`));
      expect(appOriginOf(synth).OriginCustomHeaders).toEqual([
        { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: expected },
      ]);
    }
  });

  it('leaves the load balancer open, with the HTTPS redirect, when it is the public entry point', () => {
    const ingress = ingressOfLoadBalancer(prodDirect);
    expect(ingress.map((rule) => [rule.CidrIp, rule.FromPort]).sort()).toEqual([
      ['0.0.0.0/0', 443],
      ['0.0.0.0/0', 80],
    ]);
    prodDirect.template.resourceCountIs('Custom::CloudFrontOriginFacingPrefixList', 0);
    prodDirect.template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 0);
    expect(listenersOf(prodDirect)).toHaveLength(2);
  });
});

describe('the API sees the viewer’s address', () => {
  it('trusts two proxies, the ALB node and the CloudFront edge, when CloudFront fronts the app', () => {
    expect(CDN_PROXY_HOPS).toBe(2);
    for (const synth of [dev, prod]) expect(container(synth.template, 'api').environment.TRUST_PROXY).toBe('2');
  });

  it('trusts the VPC (the ALB nodes) only when viewers reach the ALB directly', () => {
    expect(container(devDirect.template, 'api').environment.TRUST_PROXY).toBe('10.40.0.0/16');
    expect(container(prodDirect.template, 'api').environment.TRUST_PROXY).toBe('10.41.0.0/16');
  });

  it('points PublicUrl, mail links and the smoke test at CloudFront, which reaches the ALB by the origin name', () => {
    expect(prod.template.findOutputs('PublicUrl').PublicUrl?.Value).toBe('https://showcase.example.org');
    expect(container(prod.template, 'api').environment.PUBLIC_BASE_URL).toBe('https://showcase.example.org');
    expect(appOriginOf(prod).DomainName).toBe('origin.showcase.example.org');
    const distribution = onlyResource(dev.template, 'AWS::CloudFront::Distribution');
    expect(render(dev.template.findOutputs('PublicUrl').PublicUrl?.Value)).toBe(
      `https://<${distribution.logicalId}.DomainName>`,
    );
    // Without CloudFront in front, the ALB's host name as before.
    expect(prodDirect.template.findOutputs('PublicUrl').PublicUrl?.Value).toBe('https://showcase.example.org');
  });
});

describe('the web firewall counts viewers, not edges', () => {
  it('keeps the regional web ACL on the ALB, and a media-only distribution, when viewers reach the ALB directly', () => {
    const acl = onlyResource(devDirect.template, 'AWS::WAFv2::WebACL');
    expect(acl.properties.Scope).toBe('REGIONAL');
    const association = onlyResource(devDirect.template, 'AWS::WAFv2::WebACLAssociation');
    const loadBalancer = onlyResource(devDirect.template, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(association.properties.ResourceArn).toEqual({ Ref: loadBalancer.logicalId });
    const config = onlyResource(devDirect.template, 'AWS::CloudFront::Distribution').properties.DistributionConfig;
    expect(config.WebACLId).toBeUndefined();
    // No behaviour reaches the ALB: the distribution would present edges to it as clients.
    expect(config.Origins).toHaveLength(1);
    expect(config.Origins[0].S3OriginConfig).toBeDefined();
  });

  it('reads the blocked-request metrics of a CloudFront web ACL without a Region dimension', () => {
    const dimensions = (synth: Synth) =>
      synth.appStack.node
        .findAll()
        .filter((node) => node.node.path.endsWith('/Firewall'))
        .flatMap((firewall) => (firewall as CfnJson).blockedRequestMetrics() as CfnJson[])
        .map((metric) => Object.keys(metric.dimensions as object).sort());
    expect(new Set(dimensions(dev).map(String))).toEqual(new Set(['Rule,WebACL']));
    expect(new Set(dimensions(devDirect).map(String))).toEqual(new Set(['Region,Rule,WebACL']));
  });
});

describe('cdk-nag', () => {
  it('leaves no unacknowledged AwsSolutions finding, with or without CloudFront in front', () => {
    for (const synth of [dev, prod, devDirect, prodDirect]) {
      expect(synth.nagReport.violations.map((violation) => violation.ruleName)).toEqual([]);
    }
  });
});
