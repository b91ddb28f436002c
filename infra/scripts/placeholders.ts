import { ENVIRONMENTS_CONTEXT_KEY } from '../lib/settings.ts';

/** Stand-ins for the values an operator writes into a production block of cdk.json; CI and tests only. */
export const PLACEHOLDER_CERTIFICATE_ARN =
  'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';
export const PLACEHOLDER_EMAIL = 'alarms@example.com';
export const PLACEHOLDER_MAIL_DOMAIN = 'mail.example.com';

/** A copy of the context whose production environments get the placeholders where their slots are still empty. */
export function withProductionPlaceholders(context: Record<string, unknown>): Record<string, unknown> {
  const environments = structuredClone(context[ENVIRONMENTS_CONTEXT_KEY]) as Record<string, Record<string, unknown>>;
  for (const settings of Object.values(environments)) {
    if (settings.production !== true) continue;
    settings.certificateArn ||= PLACEHOLDER_CERTIFICATE_ARN;
    if (!Array.isArray(settings.notificationEmails) || settings.notificationEmails.length === 0) {
      settings.notificationEmails = [PLACEHOLDER_EMAIL];
    }
    if (!settings.mailDomain && !settings.domainName) settings.mailDomain = PLACEHOLDER_MAIL_DOMAIN;
  }
  return { ...context, [ENVIRONMENTS_CONTEXT_KEY]: environments };
}
