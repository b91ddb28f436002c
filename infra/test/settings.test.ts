import type { CfnJson } from './support/template-queries.ts';
import { describe, expect, it } from 'vitest';
import { readDeploymentSettings } from '../lib/settings.ts';
import { unknownVariables } from './support/app-env-names.ts';
import { PLACEHOLDER_CERTIFICATE_ARN, withProductionPlaceholders } from '../scripts/placeholders.ts';
import { cdkJsonContext } from './support/synth.ts';

type Json = Record<string, CfnJson>;
const committedContext = { ...cdkJsonContext(), imageTag: 'v1.2.3' };
const baseContext = withProductionPlaceholders(committedContext);

/** The context with one environment's settings edited, as an operator would edit cdk.json. */
function contextWith(envName: string, edit: (settings: Json) => void, extra: Json = {}) {
  const context = structuredClone(baseContext) as Json;
  edit(context['anb:environments'][envName]);
  Object.assign(context, extra, { env: envName });
  return (key: string) => context[key];
}

describe('deployment settings from context', () => {
  it('defaults to dev and takes the image tag from context', () => {
    const settings = readDeploymentSettings((key) => ({ ...baseContext, env: undefined, imageTag: 'v1.2.3' })[key]);
    expect(settings.envName).toBe('dev');
    expect(settings.imageTag).toBe('v1.2.3');
  });

  it('changes sizes through context alone', () => {
    const settings = readDeploymentSettings(contextWith('prod', (prod) => (prod.api.maxTasks = 6)));
    expect(settings.api.maxTasks).toBe(6);
  });

  it('refuses a production environment without a certificate or anyone to notify, as cdk.json is committed', () => {
    const read = (key: string) => ({ ...committedContext, env: 'prod' })[key];
    expect(() => readDeploymentSettings(read)).toThrow(
      'context anb:environments.prod is a production environment and lacks: certificateArn (ACM certificate for HTTPS), notificationEmails (at least one address for alarms), mailDomain or domainName (the domain account mail is sent from)',
    );
    expect(() => readDeploymentSettings(contextWith('prod', (prod) => (prod.notificationEmails = [])))).toThrow(
      /lacks: notificationEmails/,
    );
    expect(() => readDeploymentSettings(contextWith('prod', (prod) => (prod.certificateArn = '')))).toThrow(
      /lacks: certificateArn/,
    );
    expect(readDeploymentSettings(contextWith('prod', () => {})).certificateArn).toBe(PLACEHOLDER_CERTIFICATE_ARN);
  });

  it('lets a non-production environment go without a certificate, e-mail or mail domain', () => {
    const settings = readDeploymentSettings(contextWith('dev', (dev) => (dev.notificationEmails = [])));
    expect(settings.certificateArn).toBeUndefined();
    expect(settings.mailDomain).toBeUndefined();
  });

  it('sends mail from the public host name unless mailDomain names another domain, and requires one in production', () => {
    const origin = 'origin.showcase.example.org';
    const domainOnly = contextWith('prod', (prod) =>
      Object.assign(prod, { domainName: 'showcase.example.org', originDomainName: origin, mailDomain: '' }),
    );
    expect(readDeploymentSettings(domainOnly).mailDomain).toBe('showcase.example.org');
    const both = contextWith('prod', (prod) =>
      Object.assign(prod, {
        domainName: 'showcase.example.org',
        originDomainName: origin,
        mailDomain: 'mail.example.org',
      }),
    );
    expect(readDeploymentSettings(both).mailDomain).toBe('mail.example.org');
    const neither = contextWith('prod', (prod) => Object.assign(prod, { domainName: '', mailDomain: '' }));
    expect(() => readDeploymentSettings(neither)).toThrow(/lacks: mailDomain or domainName/);
    expect(() => readDeploymentSettings(contextWith('dev', (dev) => (dev.mailDomain = 'Not A Domain')))).toThrow(
      /dev\.mailDomain/,
    );
  });

  it('makes voting require a verified e-mail unless the environment turns it off', () => {
    expect(readDeploymentSettings(contextWith('dev', (dev) => delete dev.voteRequiresVerifiedEmail))).toMatchObject({
      voteRequiresVerifiedEmail: true,
    });
    const off = contextWith('prod', (prod) => (prod.voteRequiresVerifiedEmail = false));
    expect(readDeploymentSettings(off).voteRequiresVerifiedEmail).toBe(false);
    expect(() =>
      readDeploymentSettings(contextWith('dev', (dev) => (dev.voteRequiresVerifiedEmail = 'false'))),
    ).toThrow(/dev\.voteRequiresVerifiedEmail/);
  });

  it('requires an explicit image tag and never accepts "latest"', () => {
    expect(() => readDeploymentSettings(contextWith('dev', () => {}, { imageTag: undefined }))).toThrow(
      /context imageTag: required/,
    );
    expect(() => readDeploymentSettings(contextWith('dev', () => {}, { imageTag: 'latest' }))).toThrow(
      /"latest" is never pushed/,
    );
    expect(() =>
      readDeploymentSettings(contextWith('dev', () => {}, { imageTag: 'abc', serviceImageTag: 'latest' })),
    ).toThrow(/context serviceImageTag: "latest"/);
  });

  it('runs the services on the release image unless told to keep another, and pauses them only when asked', () => {
    const same = readDeploymentSettings(contextWith('dev', () => {}, { imageTag: 'new' }));
    expect(same).toMatchObject({ imageTag: 'new', serviceImageTag: 'new', servicesPaused: false });
    const kept = readDeploymentSettings(
      contextWith('dev', () => {}, { imageTag: 'new', serviceImageTag: 'old', servicesPaused: 'true' }),
    );
    expect(kept).toMatchObject({ imageTag: 'new', serviceImageTag: 'old', servicesPaused: true });
  });

  it('runs one video per vCPU of the worker task unless concurrency is set, like the worker on any machine', () => {
    expect(readDeploymentSettings(contextWith('dev', () => {})).worker.concurrency).toBe(1);
    expect(readDeploymentSettings(contextWith('prod', () => {})).worker.concurrency).toBe(2);
    const bigger = contextWith('prod', (prod) => Object.assign(prod.worker, { cpu: 4096, memoryMiB: 8192 }));
    expect(readDeploymentSettings(bigger).worker.concurrency).toBe(4);
    const quarter = contextWith('dev', (dev) => Object.assign(dev.worker, { cpu: 256, memoryMiB: 512 }));
    expect(readDeploymentSettings(quarter).worker.concurrency).toBe(1);
    expect(
      readDeploymentSettings(contextWith('prod', (prod) => (prod.worker.concurrency = 3))).worker.concurrency,
    ).toBe(3);
  });

  it('puts the app behind CloudFront unless told not to, and only in us-east-1, where its web ACL must live', () => {
    expect(readDeploymentSettings(contextWith('dev', (dev) => delete dev.appThroughCdn)).appThroughCdn).toBe(true);
    const elsewhere = contextWith('dev', (dev) => Object.assign(dev, { region: 'eu-west-1' }));
    expect(() => readDeploymentSettings(elsewhere)).toThrow(/dev\.appThroughCdn: needs region us-east-1/);
    const regionalOnly = contextWith('dev', (dev) => Object.assign(dev, { region: 'eu-west-1', appThroughCdn: false }));
    expect(readDeploymentSettings(regionalOnly).appThroughCdn).toBe(false);
  });

  it('requires another name of the load balancer when the public host name moves to CloudFront', () => {
    const withHost = (extra: Json) =>
      contextWith('prod', (prod) => Object.assign(prod, { domainName: 'showcase.example.org', ...extra }));
    expect(() => readDeploymentSettings(withHost({}))).toThrow(/prod\.originDomainName: required with appThroughCdn/);
    expect(() => readDeploymentSettings(withHost({ originDomainName: 'showcase.example.org' }))).toThrow(
      /prod\.originDomainName: must differ from domainName/,
    );
    expect(readDeploymentSettings(withHost({ originDomainName: 'origin.showcase.example.org' }))).toMatchObject({
      domainName: 'showcase.example.org',
      originDomainName: 'origin.showcase.example.org',
    });
    // With the ALB as the public entry point, domainName names the ALB itself.
    expect(readDeploymentSettings(withHost({ appThroughCdn: false })).originDomainName).toBeUndefined();
  });

  it('names the known environments when asked for another', () => {
    expect(() => readDeploymentSettings((key) => ({ ...baseContext, env: 'staging' })[key])).toThrow(/dev, prod/);
  });

  it('refuses a visibility timeout that a slow job could outlive', () => {
    const read = contextWith('dev', (dev) => (dev.queue.visibilityTimeoutSeconds = dev.worker.maxJobSeconds));
    expect(() => readDeploymentSettings(read)).toThrow(
      /dev\.queue\.visibilityTimeoutSeconds: must exceed worker\.maxJobSeconds/,
    );
  });

  it('refuses a stop timeout above the 120 s Fargate allows', () => {
    expect(() => readDeploymentSettings(contextWith('dev', (dev) => (dev.worker.stopTimeoutSeconds = 121)))).toThrow(
      /stopTimeoutSeconds/,
    );
  });

  it('refuses a firewall limit WAF does not accept, or a tighter one above the per-client limit', () => {
    expect(() => readDeploymentSettings(contextWith('dev', (dev) => (dev.firewall.login = 9)))).toThrow(
      /dev\.firewall\.login/,
    );
    const looser = contextWith('prod', (prod) => (prod.firewall.vote = prod.firewall.perClient + 1));
    expect(() => readDeploymentSettings(looser)).toThrow(
      'prod.firewall.vote: must not exceed firewall.perClient, or the tighter rule never fires',
    );
  });

  it('refuses a memory size Fargate does not offer for the CPU', () => {
    expect(() => readDeploymentSettings(contextWith('dev', (dev) => (dev.worker.memoryMiB = 1024)))).toThrow(
      /dev\.worker\.memoryMiB: not a Fargate size for 1024 CPU units/,
    );
  });

  it('refuses a parameter that would shadow a value the stack derives', () => {
    const read = contextWith('dev', (dev) => (dev.parameters.worker.QUEUE_VISIBILITY_TIMEOUT = '30'));
    expect(() => readDeploymentSettings(read)).toThrow(/QUEUE_VISIBILITY_TIMEOUT: is set by the CDK app/);
  });

  it('refuses the CDN settings as parameters: the stack takes them from its distribution', () => {
    for (const variable of ['MEDIA_CDN_URL', 'MEDIA_CDN_DISTRIBUTION_ID']) {
      const read = contextWith('prod', (prod) => (prod.parameters.api[variable] = 'https://cdn.example.org'));
      expect(() => readDeploymentSettings(read), variable).toThrow(`${variable}: is set by the CDK app`);
    }
  });

  it('refuses a retention period CloudWatch Logs does not accept', () => {
    expect(() => readDeploymentSettings(contextWith('dev', (dev) => (dev.logRetentionDays = 10)))).toThrow(
      /logRetentionDays/,
    );
  });

  it('puts in Parameter Store only settings the app config schema defines', () => {
    for (const envName of Object.keys(baseContext['anb:environments'] as Json)) {
      const { parameters } = readDeploymentSettings((key) => ({ ...baseContext, env: envName })[key]);
      const names = [
        ...Object.keys(parameters.shared),
        ...Object.keys(parameters.api),
        ...Object.keys(parameters.worker),
      ];
      expect(unknownVariables(names), envName).toEqual([]);
    }
  });
});
