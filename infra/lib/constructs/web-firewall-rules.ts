import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { EnvironmentSettings } from '../settings.ts';

type Statement = wafv2.CfnWebACL.StatementProperty;
type Rule = wafv2.CfnWebACL.RuleProperty;
export type FirewallLimits = EnvironmentSettings['firewall'];
export type LimitedRoute = Exclude<keyof FirewallLimits, 'perClient'>;

/** AWS WAF's rate window; the settings' limits are per this many seconds. */
export const RATE_WINDOW_SECONDS = 300;
/** Key of the web ACL's custom response body that rate rules answer with. */
export const TOO_MANY_REQUESTS_BODY = 'too-many-requests';
/**
 * The API's own 429 (apps/api: problemDocument, messages.tooManyRequests). WAF cannot compute when a client's
 * count falls under the limit, so it names the longest wait: one window. Its content type is application/json,
 * the closest WAF allows (it refuses a content-type header).
 */
export const TOO_MANY_REQUESTS_PROBLEM = {
  type: 'about:blank',
  title: 'Too Many Requests',
  status: 429,
  detail: `Demasiadas solicitudes. Intenta de nuevo en ${RATE_WINDOW_SECONDS} s.`,
  code: 'TOO_MANY_REQUESTS',
};

/** The request's path, percent-decoded as the API's router decodes it, so %-encoding does not dodge a rule. */
function path(positionalConstraint: 'EXACTLY' | 'STARTS_WITH' | 'ENDS_WITH', searchString: string): Statement {
  return {
    byteMatchStatement: {
      fieldToMatch: { uriPath: {} },
      positionalConstraint,
      searchString,
      textTransformations: [{ priority: 0, type: 'URL_DECODE' }],
    },
  };
}

const post: Statement = {
  byteMatchStatement: {
    fieldToMatch: { method: {} },
    positionalConstraint: 'EXACTLY',
    searchString: 'POST',
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
};

const anyOf = (statements: Statement[]): Statement =>
  statements.length === 1 ? statements[0]! : { orStatement: { statements } };
const allOf = (statements: Statement[]): Statement => ({ andStatement: { statements } });

/** The API routes each tighter limit counts, all POST. */
export const LIMITED_ROUTES: Record<LimitedRoute, Statement[]> = {
  signUp: [
    path('EXACTLY', '/api/auth/signup'),
    path('EXACTLY', '/api/auth/forgot-password'),
    path('EXACTLY', '/api/auth/resend-verification'),
  ],
  login: [path('EXACTLY', '/api/auth/login')],
  // /api/public/videos/{video_id}/vote
  vote: [allOf([path('STARTS_WITH', '/api/public/videos/'), path('ENDS_WITH', '/vote')])],
  // A whole multipart upload, or the creation of a resumable (tus) one; its PATCHes continue it.
  upload: [path('EXACTLY', '/api/videos/upload'), path('EXACTLY', '/api/uploads')],
};

/** Rule names; each is also the rule's CloudWatch metric name. */
export const RULE_NAMES = {
  ipReputation: 'aws-ip-reputation',
  perClient: 'per-client',
  signUp: 'sign-up-and-account-mail',
  login: 'login',
  vote: 'vote',
  upload: 'upload',
  knownBadInputs: 'aws-known-bad-inputs',
  common: 'aws-common',
} as const;

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

const tooManyRequests: wafv2.CfnWebACL.RuleActionProperty = {
  block: {
    customResponse: {
      responseCode: 429,
      customResponseBodyKey: TOO_MANY_REQUESTS_BODY,
      responseHeaders: [{ name: 'Retry-After', value: String(RATE_WINDOW_SECONDS) }],
    },
  },
};

/**
 * Requests per client address over the window. The source address is the viewer's where the web ACL sits: on the
 * distribution when CloudFront fronts the app, else on the internet-facing ALB.
 */
function rateRule(name: string, limit: number, scopeDownStatement?: Statement): Omit<Rule, 'priority'> {
  return {
    name,
    action: tooManyRequests,
    visibilityConfig: visibility(name),
    statement: {
      rateBasedStatement: {
        aggregateKeyType: 'IP',
        limit,
        evaluationWindowSec: RATE_WINDOW_SECONDS,
        ...(scopeDownStatement ? { scopeDownStatement } : {}),
      },
    },
  };
}

/**
 * Video bytes: a multipart upload and every request of a resumable one. The managed rules that read bodies
 * (cross-site scripting, file inclusion, Java deserialization) would read patterns into binary data, so they skip
 * these routes; each needs a signed-in player, and the API checks the file it stores.
 */
const videoBytes: Statement = anyOf([path('EXACTLY', '/api/videos/upload'), path('STARTS_WITH', '/api/uploads')]);

function managedRule(
  name: string,
  ruleGroup: string,
  options: Partial<wafv2.CfnWebACL.ManagedRuleGroupStatementProperty> = {},
): Omit<Rule, 'priority'> {
  return {
    name,
    // The group's own actions apply (block unless overridden below).
    overrideAction: { none: {} },
    visibilityConfig: visibility(name),
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: ruleGroup, ...options } },
  };
}

/** Every rule of the web ACL, numbered in evaluation order: known bad addresses, rates, then request signatures. */
export function firewallRules(limits: FirewallLimits): Rule[] {
  const tighter = (route: LimitedRoute) =>
    rateRule(RULE_NAMES[route], limits[route], allOf([post, anyOf(LIMITED_ROUTES[route])]));
  const rules = [
    managedRule(RULE_NAMES.ipReputation, 'AWSManagedRulesAmazonIpReputationList'),
    rateRule(RULE_NAMES.perClient, limits.perClient),
    tighter('signUp'),
    tighter('login'),
    tighter('vote'),
    tighter('upload'),
    managedRule(RULE_NAMES.knownBadInputs, 'AWSManagedRulesKnownBadInputsRuleSet', {
      scopeDownStatement: { notStatement: { statement: videoBytes } },
    }),
    managedRule(RULE_NAMES.common, 'AWSManagedRulesCommonRuleSet', {
      scopeDownStatement: { notStatement: { statement: videoBytes } },
      // It blocks bodies over 8 KB; the API takes JSON up to 64 KB and enforces that limit itself.
      ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
    }),
  ];
  return rules.map((rule, priority) => ({ ...rule, priority }));
}
