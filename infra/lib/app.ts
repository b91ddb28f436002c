import { Tags, Validations, type App, type Environment } from 'aws-cdk-lib';
import cdkNag from 'cdk-nag';
import { AppStack } from './app-stack.ts';
import { DeployAccessStack } from './deploy-access-stack.ts';
import { stackNames } from './names.ts';
import { RegistryStack } from './registry-stack.ts';
import { readDeploymentSettings } from './settings.ts';

const { AwsSolutionsChecks } = cdkNag;

export interface BuildOptions {
  /** Target account; undefined keeps the stacks account-agnostic (CI synthesis without credentials). */
  account?: string | undefined;
}

/** Adds both stacks of the environment selected by context to the app, with cdk-nag checking them at synthesis. */
export function buildStacks(app: App, options: BuildOptions = {}) {
  const settings = readDeploymentSettings((key) => app.node.tryGetContext(key));
  const env: Environment = { account: options.account, region: settings.region };
  const names = stackNames(settings.envName);
  const registry = new RegistryStack(app, names.registry, {
    env,
    settings,
    description: `ANB Rising Stars (${settings.envName}): container image repositories`,
    terminationProtection: settings.retainData,
  });
  const appStack = new AppStack(app, names.app, {
    env,
    settings,
    description: `ANB Rising Stars (${settings.envName}): network, data, API and worker services, alarms`,
    terminationProtection: settings.retainData,
  });
  appStack.addStackDependency(registry, 'the services pull images from these repositories');
  // Deployed once by an administrator (the workflow cannot create the role it assumes).
  const githubRepository = app.node.tryGetContext('githubRepository') as string | undefined;
  const deployAccess = githubRepository
    ? new DeployAccessStack(app, names.deployAccess, {
        env,
        envName: settings.envName,
        githubRepository,
        existingOidcProviderArn: app.node.tryGetContext('githubOidcProviderArn') as string | undefined,
        description: `ANB Rising Stars (${settings.envName}): role assumed by GitHub Actions through OIDC`,
      })
    : undefined;
  // cfn-lint's resource schemas do not list Tags on these types yet; they carry no cost worth allocating.
  const untagged = {
    excludeResourceTypes: [
      'AWS::ElasticLoadBalancingV2::Listener',
      'AWS::ElasticLoadBalancingV2::ListenerRule',
      'AWS::ApplicationAutoScaling::ScalableTarget',
      'AWS::CloudWatch::Dashboard',
    ],
  };
  Tags.of(app).add('project', 'anb-rising-stars', untagged);
  Tags.of(app).add('environment', settings.envName, untagged);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { settings, registry, appStack, deployAccess };
}
