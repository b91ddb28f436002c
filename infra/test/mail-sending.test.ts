import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PLACEHOLDER_MAIL_DOMAIN } from '../scripts/placeholders.ts';
import { synthesizeEnvironment } from './support/synth.ts';
import {
  asArray,
  type CfnJson,
  container,
  onlyResource,
  render,
  resourcesOf,
  statementsOfRole,
} from './support/template-queries.ts';

type Synth = ReturnType<typeof synthesizeEnvironment>;
const MAIL_VARIABLES = ['MAIL_TRANSPORT', 'MAIL_FROM', 'SES_CONFIGURATION_SET', 'VOTE_REQUIRES_VERIFIED_EMAIL'];

let prod: Synth;
let devWithMail: Synth;
let devWithoutMail: Synth;
beforeAll(() => {
  // cdk.json's prod block has empty domain slots: the mail domain is the CI placeholder.
  prod = synthesizeEnvironment('prod');
  devWithMail = synthesizeEnvironment('dev', {}, (dev) =>
    Object.assign(dev, { mailDomain: 'dev.showcase.example.org', voteRequiresVerifiedEmail: false }),
  );
  // Without the vote key, so the API gets the default.
  devWithoutMail = synthesizeEnvironment('dev', {}, (dev) => delete dev.voteRequiresVerifiedEmail);
});

const taskRoleOf = (synth: Synth, service: 'api' | 'worker' | 'migrate') =>
  container(synth.template, service).task.TaskRoleArn['Fn::GetAtt'][0] as string;
const isSesAction = (action: string) => action.toLowerCase().startsWith('ses:');
/** Logical ids of the roles holding any SES action, through any policy of the stack. */
const rolesWithSesActions = (synth: Synth) =>
  resourcesOf(synth.template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      (policy.Properties.PolicyDocument.Statement as Array<Record<string, CfnJson>>).some((statement) =>
        asArray(statement.Action as string | string[]).some(isSesAction),
      ),
    )
    .flatMap(([, policy]) => (policy.Properties.Roles as Array<{ Ref: string }>).map((role) => role.Ref));
const mailResources = (synth: Synth) => ({
  identity: onlyResource(synth.template, 'AWS::SES::EmailIdentity'),
  configurationSet: onlyResource(synth.template, 'AWS::SES::ConfigurationSet'),
});

describe('prod: account mail through Amazon SES', () => {
  it("creates an SES identity for the mail domain, signed with Easy DKIM (SES's default)", () => {
    const { identity, configurationSet } = mailResources(prod);
    expect(identity.properties.EmailIdentity).toBe(PLACEHOLDER_MAIL_DOMAIN);
    // No bring-your-own key and signing not turned off: SES generates the keys and publishes them as CNAMEs.
    expect(identity.properties.DkimSigningAttributes).toBeUndefined();
    expect(identity.properties.DkimAttributes?.SigningEnabled).not.toBe(false);
    expect(identity.properties.ConfigurationSetAttributes).toEqual({
      ConfigurationSetName: { Ref: configurationSet.logicalId },
    });
  });

  it('records sends, deliveries, bounces and complaints in a configuration set with reputation metrics', () => {
    const { configurationSet } = mailResources(prod);
    expect(configurationSet.properties).toMatchObject({
      Name: 'anb-prod-mail',
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
    const destination = onlyResource(prod.template, 'AWS::SES::ConfigurationSetEventDestination');
    expect(destination.properties.ConfigurationSetName).toEqual({ Ref: configurationSet.logicalId });
    expect(destination.properties.EventDestination.Enabled).toBe(true);
    expect(destination.properties.EventDestination.MatchingEventTypes).toEqual(
      expect.arrayContaining(['send', 'delivery', 'bounce', 'complaint']),
    );
    expect(destination.properties.EventDestination.CloudWatchDestination.DimensionConfigurations).toEqual([
      { DimensionName: 'ConfigurationSet', DimensionValueSource: 'messageTag', DefaultDimensionValue: 'anb-prod-mail' },
    ]);
  });

  it('lets the API task role send only as no-reply@ of that identity, through that configuration set', () => {
    const { identity } = mailResources(prod);
    const sending = statementsOfRole(prod.template, taskRoleOf(prod, 'api')).filter((statement) =>
      asArray(statement.Action as string | string[]).some(isSesAction),
    );
    expect(sending).toHaveLength(1);
    const [statement] = sending;
    expect(statement).toMatchObject({ Effect: 'Allow', Sid: 'SendAccountMail' });
    expect(asArray(statement!.Action).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(asArray(statement!.Resource).map(render).sort()).toEqual([
      'arn:aws:ses:us-east-1:123456789012:configuration-set/anb-prod-mail',
      `arn:aws:ses:us-east-1:123456789012:identity/<${identity.logicalId}>`,
    ]);
    expect(statement!.Condition).toEqual({
      StringEquals: { 'ses:FromAddress': `no-reply@${PLACEHOLDER_MAIL_DOMAIN}` },
    });
  });

  it('gives no SES action to the worker, the migration task or any role but the API task role', () => {
    for (const service of ['worker', 'migrate'] as const) {
      const actions = statementsOfRole(prod.template, taskRoleOf(prod, service)).flatMap((statement) =>
        asArray(statement.Action as string | string[]),
      );
      expect(actions.filter(isSesAction), service).toEqual([]);
    }
    expect(rolesWithSesActions(prod)).toEqual([taskRoleOf(prod, 'api')]);
  });

  it('tells the API to send through SES as the identity, and to link mail to the public URL', () => {
    const { configurationSet } = mailResources(prod);
    const api = container(prod.template, 'api').environment;
    expect(api).toMatchObject({
      MAIL_TRANSPORT: 'ses',
      MAIL_FROM: `ANB Rising Stars <no-reply@${PLACEHOLDER_MAIL_DOMAIN}>`,
      SES_CONFIGURATION_SET: { Ref: configurationSet.logicalId },
      VOTE_REQUIRES_VERIFIED_EMAIL: 'true',
    });
    // The API serves the web app: the pages the links open are on the same origin as the PublicUrl output.
    expect(render(api.PUBLIC_BASE_URL)).toBe(render(prod.template.findOutputs('PublicUrl').PublicUrl?.Value));
    expect(render(api.PUBLIC_BASE_URL)).toMatch(/^https:\/\//);
    const worker = container(prod.template, 'worker').environment;
    expect(MAIL_VARIABLES.filter((variable) => variable in worker)).toEqual([]);
  });

  it('outputs the sender and the three DKIM records an operator creates in DNS', () => {
    const { identity } = mailResources(prod);
    const outputs = prod.template.findOutputs('*');
    expect(outputs.MailFromAddress?.Value).toBe(`no-reply@${PLACEHOLDER_MAIL_DOMAIN}`);
    for (const n of [1, 2, 3]) {
      expect(render(outputs[`MailDkimRecord${n}`]?.Value)).toBe(
        `<${identity.logicalId}.DkimDNSTokenName${n}> CNAME <${identity.logicalId}.DkimDNSTokenValue${n}>`,
      );
    }
  });
});

describe('an environment that names its own mail domain and turns the vote check off', () => {
  it('sends from that domain and lets any account vote', () => {
    expect(mailResources(devWithMail).identity.properties.EmailIdentity).toBe('dev.showcase.example.org');
    expect(container(devWithMail.template, 'api').environment).toMatchObject({
      MAIL_TRANSPORT: 'ses',
      MAIL_FROM: 'ANB Rising Stars <no-reply@dev.showcase.example.org>',
      VOTE_REQUIRES_VERIFIED_EMAIL: 'false',
    });
    expect(rolesWithSesActions(devWithMail)).toEqual([taskRoleOf(devWithMail, 'api')]);
  });

  it('passes the AwsSolutions checks', () => {
    expect(devWithMail.nagReport.violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});

describe('dev as committed: no mail domain', () => {
  it('creates no SES resource and grants no SES action, and warns at synthesis', () => {
    for (const type of [
      'AWS::SES::EmailIdentity',
      'AWS::SES::ConfigurationSet',
      'AWS::SES::ConfigurationSetEventDestination',
    ]) {
      devWithoutMail.template.resourceCountIs(type, 0);
    }
    expect(rolesWithSesActions(devWithoutMail)).toEqual([]);
    Annotations.fromStack(devWithoutMail.appStack).hasWarning('*', Match.stringLikeRegexp('sends no mail'));
  });

  it('keeps mail in the API task (file transport), links it to the CloudFront name, and requires verified voters', () => {
    const api = container(devWithoutMail.template, 'api').environment;
    expect(api).toMatchObject({ MAIL_TRANSPORT: 'file', VOTE_REQUIRES_VERIFIED_EMAIL: 'true' });
    expect(api.MAIL_FROM).toBeUndefined();
    expect(api.SES_CONFIGURATION_SET).toBeUndefined();
    // Viewers reach the app only through CloudFront: the links open its name.
    const distribution = onlyResource(devWithoutMail.template, 'AWS::CloudFront::Distribution');
    expect(render(api.PUBLIC_BASE_URL)).toBe(`https://<${distribution.logicalId}.DomainName>`);
  });
});
