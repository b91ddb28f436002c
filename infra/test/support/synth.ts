import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkNag from 'cdk-nag';
import { buildStacks } from '../../lib/app.ts';
import { ENVIRONMENTS_CONTEXT_KEY } from '../../lib/settings.ts';
import { withProductionPlaceholders } from '../../scripts/placeholders.ts';

const { AwsSolutionsChecks } = cdkNag;

export const TEST_ACCOUNT = '123456789012';
export const TEST_IMAGE_TAG = '0123456789abcdef0123456789abcdef01234567';

/** The context the CLI would pass: cdk.json's, plus the selected environment and image tag. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

/**
 * Synthesizes one environment once (explicit account and region, no cdk.context.json) and runs the
 * AwsSolutions pack over it; test files share the result. `editSettings` changes the environment's block
 * of cdk.json first, as an operator would.
 */
export function synthesizeEnvironment(
  envName: string,
  extraContext: Record<string, unknown> = {},
  editSettings: (settings: Record<string, unknown>) => void = () => {},
) {
  // Production blocks are committed with empty certificate and e-mail slots; CI synthesizes them with placeholders.
  const context = withProductionPlaceholders(cdkJsonContext());
  editSettings((context[ENVIRONMENTS_CONTEXT_KEY] as Record<string, Record<string, unknown>>)[envName]!);
  const app = new App({ context: { ...context, env: envName, imageTag: TEST_IMAGE_TAG, ...extraContext } });
  const { settings, registry, appStack, deployAccess } = buildStacks(app, { account: TEST_ACCOUNT });
  const template = Template.fromStack(appStack);
  const registryTemplate = Template.fromStack(registry);
  const deployAccessTemplate = deployAccess ? Template.fromStack(deployAccess) : undefined;
  const nagReport = new AwsSolutionsChecks().validateScope(app);
  return { app, settings, appStack, registry, template, registryTemplate, deployAccessTemplate, nagReport };
}
