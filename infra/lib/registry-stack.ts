import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import type { Construct } from 'constructs';
import { repositoryNames } from './names.ts';
import type { DeploymentSettings } from './settings.ts';

export interface RegistryStackProps extends StackProps {
  settings: DeploymentSettings;
}

/**
 * ECR repositories live in their own stack: the deploy workflow creates them, pushes the images,
 * and only then deploys the services that pull those images.
 */
export class RegistryStack extends Stack {
  readonly repositories: Readonly<Record<'api' | 'worker', ecr.Repository>>;

  constructor(scope: Construct, id: string, props: RegistryStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const names = repositoryNames(settings.envName);
    const repository = (logicalId: string, repositoryName: string) =>
      new ecr.Repository(this, logicalId, {
        repositoryName,
        imageScanOnPush: true,
        // Each image is pushed once under its commit SHA and release tag; a retag would change what a rollback restores.
        imageTagMutability: ecr.TagMutability.IMMUTABLE,
        encryption: ecr.RepositoryEncryption.AES_256,
        lifecycleRules: [
          {
            description: 'drop untagged layers of failed pushes',
            tagStatus: ecr.TagStatus.UNTAGGED,
            maxImageAge: Duration.days(7),
          },
          { description: 'keep the last 30 releases for rollbacks', tagStatus: ecr.TagStatus.ANY, maxImageCount: 30 },
        ],
        removalPolicy: settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        emptyOnDelete: !settings.retainData,
      });
    this.repositories = {
      api: repository('ApiRepository', names.api),
      worker: repository('WorkerRepository', names.worker),
    };
  }
}
