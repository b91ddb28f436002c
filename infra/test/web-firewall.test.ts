import type { CfnResource } from 'aws-cdk-lib';
import cdkNag from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../apps/api/src/http/messages.ts';
import { problemDocument } from '../../apps/api/src/http/problem.ts';
import { RULE_NAMES } from '../lib/constructs/web-firewall-rules.ts';
import { synthesizeEnvironment } from './support/synth.ts';
import { onlyResource, render, type CfnJson } from './support/template-queries.ts';
import { statementMatches, type RequestLine } from './support/waf-statements.ts';

const { rules: nagRules, NagRuleCompliance } = cdkNag;

let prod: ReturnType<typeof synthesizeEnvironment>;
let dev: ReturnType<typeof synthesizeEnvironment>;
beforeAll(() => {
  prod = synthesizeEnvironment('prod');
  dev = synthesizeEnvironment('dev');
});

const webAcl = (synth: typeof prod) => onlyResource(synth.template, 'AWS::WAFv2::WebACL');
const rulesOf = (synth: typeof prod) => webAcl(synth).properties.Rules as CfnJson[];
const rule = (synth: typeof prod, name: string) => {
  const found = rulesOf(synth).find((each) => each.Name === name);
  if (!found) throw new Error(`no rule ${name}`);
  return found;
};
const request = (method: string, path: string): RequestLine => ({ method, path });

/** Whether a rate rule counts this request: rate rules without a scope-down statement count every request. */
const counts = (rateRule: CfnJson, line: RequestLine) => {
  const scopeDown = rateRule.Statement.RateBasedStatement.ScopeDownStatement;
  return scopeDown === undefined || statementMatches(scopeDown, line);
};

describe('web firewall in front of the API', () => {
  it('puts one CLOUDFRONT web ACL on the distribution that fronts the app, allowing what no rule blocks', () => {
    for (const synth of [prod, dev]) {
      const acl = webAcl(synth);
      // On the distribution the source address is the viewer's; on the ALB it would be a CloudFront edge's.
      expect(acl.properties.Scope).toBe('CLOUDFRONT');
      expect(synth.settings.region).toBe('us-east-1');
      expect(acl.properties.DefaultAction).toEqual({ Allow: {} });
      const distribution = onlyResource(synth.template, 'AWS::CloudFront::Distribution');
      expect(distribution.properties.DistributionConfig.WebACLId).toEqual({ 'Fn::GetAtt': [acl.logicalId, 'Arn'] });
      synth.template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    }
  });

  it("satisfies cdk-nag's checks that the distribution has a web ACL and the web ACL logs", () => {
    const distribution = prod.appStack.node.findAll().find((node) => node.node.path.endsWith('Cdn/Distribution'));
    const cfnDistribution = distribution?.node.defaultChild as CfnResource;
    expect(nagRules.cloudfront.CloudFrontDistributionWAFIntegration(cfnDistribution)).toBe(NagRuleCompliance.COMPLIANT);
    const acl = prod.appStack.node.findAll().find((node) => node.node.path.endsWith('Firewall/WebAcl'));
    expect(nagRules.waf.WAFv2LoggingEnabled(acl as CfnResource)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('limits every client address to the configured requests per 5 minutes, whatever it asks for', () => {
    const perClient = rule(prod, RULE_NAMES.perClient);
    expect(perClient.Statement.RateBasedStatement).toEqual({
      AggregateKeyType: 'IP',
      EvaluationWindowSec: 300,
      Limit: prod.settings.firewall.perClient,
    });
    expect(perClient.Statement.RateBasedStatement.Limit).toBe(2000);
  });

  const routes = {
    signUp: {
      counted: [
        request('POST', '/api/auth/signup'),
        request('POST', '/api/auth/forgot-password'),
        request('POST', '/api/auth/resend-verification'),
        // The router decodes the path; an encoded one is counted all the same.
        request('POST', '/api/auth/%73ignup'),
      ],
      ignored: [
        request('GET', '/api/auth/signup'),
        request('POST', '/api/auth/login'),
        request('POST', '/api/auth/reset-password'),
        request('POST', '/api/auth/signup-extra'),
      ],
    },
    login: {
      counted: [request('POST', '/api/auth/login')],
      ignored: [request('GET', '/api/auth/login'), request('POST', '/api/auth/logout'), request('POST', '/login')],
    },
    vote: {
      counted: [
        request('POST', '/api/public/videos/5f0c1a7e-3d2b-4c1a-9e8f-0a1b2c3d4e5f/vote'),
        request('POST', '/api/public/videos/42/vote'),
      ],
      ignored: [
        request('GET', '/api/public/videos/42/vote'),
        request('POST', '/api/public/videos/42'),
        request('GET', '/api/public/videos'),
        request('POST', '/api/videos/42/vote'),
      ],
    },
    upload: {
      counted: [request('POST', '/api/videos/upload'), request('POST', '/api/uploads')],
      // A resumable upload's PATCHes, HEADs and its cancellation continue one counted creation.
      ignored: [
        request('PATCH', '/api/uploads/abc123'),
        request('HEAD', '/api/uploads/abc123'),
        request('DELETE', '/api/uploads/abc123'),
        request('GET', '/api/videos'),
      ],
    },
  } as const;

  for (const [route, { counted, ignored }] of Object.entries(routes) as Array<
    [keyof typeof routes, (typeof routes)[keyof typeof routes]]
  >) {
    it(`counts only POST on the ${route} routes per client address, with the ${route} limit from settings`, () => {
      const tighter = rule(prod, RULE_NAMES[route]);
      const rate = tighter.Statement.RateBasedStatement;
      expect(rate.AggregateKeyType).toBe('IP');
      expect(rate.EvaluationWindowSec).toBe(300);
      expect(rate.Limit).toBe(prod.settings.firewall[route]);
      expect(rate.Limit).toBeLessThan(prod.settings.firewall.perClient);
      for (const line of counted) expect(counts(tighter, line), `${line.method} ${line.path}`).toBe(true);
      for (const line of ignored) expect(counts(tighter, line), `${line.method} ${line.path}`).toBe(false);
    });
  }

  it("answers every rate-limited request with the API's own 429 problem and a Retry-After of one window", () => {
    const acl = webAcl(prod).properties;
    const rateRules = rulesOf(prod).filter((each) => each.Statement.RateBasedStatement);
    expect(rateRules.map((each) => each.Name).sort()).toEqual(
      [RULE_NAMES.perClient, RULE_NAMES.signUp, RULE_NAMES.login, RULE_NAMES.vote, RULE_NAMES.upload].sort(),
    );
    for (const rateRule of rateRules) {
      const response = rateRule.Action.Block.CustomResponse;
      expect(response.ResponseCode, rateRule.Name).toBe(429);
      expect(response.ResponseHeaders).toEqual([{ Name: 'Retry-After', Value: '300' }]);
      const body = acl.CustomResponseBodies[response.CustomResponseBodyKey];
      // WAF offers no problem+json content type; the body is the API's document.
      expect(body.ContentType).toBe('APPLICATION_JSON');
      expect(JSON.parse(body.Content)).toEqual(
        problemDocument({ status: 429, code: 'TOO_MANY_REQUESTS', detail: messages.tooManyRequests(300) }),
      );
    }
  });

  it('checks known bad addresses first, then the rates, then the managed signatures', () => {
    const inOrder = [...rulesOf(prod)].sort((a, b) => a.Priority - b.Priority).map((each) => each.Name);
    expect(inOrder).toEqual([
      RULE_NAMES.ipReputation,
      RULE_NAMES.perClient,
      RULE_NAMES.signUp,
      RULE_NAMES.login,
      RULE_NAMES.vote,
      RULE_NAMES.upload,
      RULE_NAMES.knownBadInputs,
      RULE_NAMES.common,
    ]);
    expect(rule(prod, RULE_NAMES.ipReputation).Statement.ManagedRuleGroupStatement.Name).toBe(
      'AWSManagedRulesAmazonIpReputationList',
    );
  });

  it('keeps video uploads away from the managed rules that read bodies, and only counts bodies over 8 KB', () => {
    const common = rule(prod, RULE_NAMES.common).Statement.ManagedRuleGroupStatement;
    expect(common.Name).toBe('AWSManagedRulesCommonRuleSet');
    expect(common.RuleActionOverrides).toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);
    const knownBad = rule(prod, RULE_NAMES.knownBadInputs).Statement.ManagedRuleGroupStatement;
    expect(knownBad.Name).toBe('AWSManagedRulesKnownBadInputsRuleSet');
    for (const group of [common, knownBad]) {
      const inspects = (line: RequestLine) => statementMatches(group.ScopeDownStatement, line);
      expect(inspects(request('POST', '/api/videos/upload'))).toBe(false);
      expect(inspects(request('POST', '/api/uploads'))).toBe(false);
      expect(inspects(request('PATCH', '/api/uploads/abc123'))).toBe(false);
      expect(inspects(request('POST', '/api/auth/signup'))).toBe(true);
      expect(inspects(request('GET', '/api/public/videos'))).toBe(true);
    }
  });

  it('publishes CloudWatch metrics and sampled requests for the web ACL and every rule', () => {
    const configs = [webAcl(prod).properties.VisibilityConfig, ...rulesOf(prod).map((each) => each.VisibilityConfig)];
    expect(configs).toHaveLength(9);
    for (const config of configs) {
      expect(config).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
    }
  });

  it('logs only blocked and counted requests, without the Authorization header, to aws-waf-logs-anb-<env>', () => {
    const logging = onlyResource(prod.template, 'AWS::WAFv2::LoggingConfiguration').properties;
    expect(logging.ResourceArn).toEqual({ 'Fn::GetAtt': [webAcl(prod).logicalId, 'Arn'] });
    // WAF refuses the ":*" a log group's Arn attribute ends with.
    expect(logging.LogDestinationConfigs).toEqual([
      'arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-anb-prod',
    ]);
    const group = onlyResource(
      prod.template,
      'AWS::Logs::LogGroup',
      (each) => each.Properties.LogGroupName === 'aws-waf-logs-anb-prod',
    );
    expect(group.properties.RetentionInDays).toBe(prod.settings.logRetentionDays);
    expect(logging.RedactedFields).toEqual([{ SingleHeader: { Name: 'authorization' } }]);
    expect(logging.LoggingFilter.DefaultBehavior).toBe('DROP');
    expect(logging.LoggingFilter.Filters).toEqual([
      {
        Behavior: 'KEEP',
        Requirement: 'MEETS_ANY',
        Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
      },
    ]);
  });

  it('draws the requests each rule blocked on the operations dashboard', () => {
    const body = render(onlyResource(prod.template, 'AWS::CloudWatch::Dashboard').properties.DashboardBody);
    expect(body).toContain('"AWS/WAFV2","BlockedRequests"');
    for (const name of Object.values(RULE_NAMES)) expect(body, name).toContain(`"Rule","${name}"`);
  });
});

describe('web firewall limits per environment', () => {
  it('takes each limit from its environment: dev, shared by testers and scripted checks, allows more than prod', () => {
    const limitsIn = (synth: typeof prod) =>
      Object.fromEntries(
        rulesOf(synth)
          .filter((each) => each.Statement.RateBasedStatement)
          .map((each) => [each.Name, each.Statement.RateBasedStatement.Limit as number]),
      );
    const prodLimits = limitsIn(prod);
    const devLimits = limitsIn(dev);
    for (const [setting, name] of [
      ['perClient', RULE_NAMES.perClient],
      ['signUp', RULE_NAMES.signUp],
      ['login', RULE_NAMES.login],
      ['vote', RULE_NAMES.vote],
      ['upload', RULE_NAMES.upload],
    ] as const) {
      expect(prodLimits[name], name).toBe(prod.settings.firewall[setting]);
      expect(devLimits[name], name).toBe(dev.settings.firewall[setting]);
      expect(devLimits[name]!, name).toBeGreaterThan(prodLimits[name]!);
    }
  });

  it('names the web ACL and its log group after the environment', () => {
    expect(webAcl(dev).properties.Name).toBe('anb-dev-api');
    expect(webAcl(prod).properties.Name).toBe('anb-prod-api');
    expect(onlyResource(dev.template, 'AWS::WAFv2::LoggingConfiguration').properties.LogDestinationConfigs).toEqual([
      'arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-anb-dev',
    ]);
  });
});
