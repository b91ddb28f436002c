import { ArnFormat, Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import {
  firewallRules,
  RULE_NAMES,
  TOO_MANY_REQUESTS_BODY,
  TOO_MANY_REQUESTS_PROBLEM,
  type FirewallLimits,
} from './web-firewall-rules.ts';

/**
 * Where the web ACL sits. `CLOUDFRONT`: on the distribution that fronts the app, where the source address is the
 * viewer's (the stack must be in us-east-1). `REGIONAL`: on the load balancer, when viewers reach it directly; behind
 * CloudFront its source addresses would be edges, and a rate limit would block everyone behind one edge.
 */
export type WebFirewallPlacement =
  { scope: 'CLOUDFRONT' } | { scope: 'REGIONAL'; loadBalancer: elbv2.IApplicationLoadBalancer };

export interface WebFirewallProps {
  envName: string;
  placement: WebFirewallPlacement;
  limits: FirewallLimits;
  logRetentionDays: logs.RetentionDays;
  removalPolicy: RemovalPolicy;
}

/**
 * AWS WAF in front of the app and the API (on the distribution, or on the load balancer): per-address rate limits (a blanket one, tighter ones on sign-up,
 * login, votes and uploads), AWS managed rules, and a log of what it blocked or counted.
 */
export class WebFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly webAclName: string;
  readonly logGroup: logs.LogGroup;
  readonly scope: WebFirewallPlacement['scope'];

  constructor(scope: Construct, id: string, props: WebFirewallProps) {
    super(scope, id);
    this.webAclName = `anb-${props.envName}-api`;
    this.scope = props.placement.scope;
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: this.webAclName,
      description: 'Rate limits per client address and AWS managed rules in front of the API',
      scope: this.scope,
      defaultAction: { allow: {} },
      rules: firewallRules(props.limits),
      customResponseBodies: {
        [TOO_MANY_REQUESTS_BODY]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify(TOO_MANY_REQUESTS_PROBLEM),
        },
      },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        sampledRequestsEnabled: true,
        metricName: this.webAclName,
      },
    });
    // A CloudFront web ACL is attached by the distribution itself (its WebACLId), not by an association.
    if (props.placement.scope === 'REGIONAL') {
      new wafv2.CfnWebACLAssociation(this, 'LoadBalancer', {
        resourceArn: props.placement.loadBalancer.loadBalancerArn,
        webAclArn: this.webAcl.attrArn,
      });
    }
    this.logGroup = this.logBlockedRequests(props);
  }

  /** Requests a rule blocked, per rule, summed over 5 minutes. */
  blockedRequestMetrics(): cloudwatch.IMetric[] {
    return Object.values(RULE_NAMES).map(
      (rule) =>
        new cloudwatch.Metric({
          namespace: 'AWS/WAFV2',
          metricName: 'BlockedRequests',
          // A CloudFront web ACL's metrics (in us-east-1) carry no Region dimension.
          dimensionsMap: {
            WebACL: this.webAclName,
            Rule: rule,
            ...(this.scope === 'REGIONAL' ? { Region: Stack.of(this).region } : {}),
          },
          statistic: 'Sum',
          period: Duration.minutes(5),
          label: rule,
        }),
    );
  }

  /** Only blocked and counted requests are logged (allowed ones are in the ALB's access logs), without tokens. */
  private logBlockedRequests(props: WebFirewallProps): logs.LogGroup {
    // WAF delivers only to log groups named aws-waf-logs-*.
    const logGroupName = `aws-waf-logs-anb-${props.envName}`;
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName,
      retention: props.logRetentionDays,
      removalPolicy: props.removalPolicy,
    });
    const configuration = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // The log group's ARN without the ":*" its Arn attribute ends with, which WAF refuses.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [{ singleHeader: { Name: 'authorization' } }],
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
          },
        ],
      },
    });
    configuration.node.addDependency(logGroup);
    return logGroup;
  }
}
