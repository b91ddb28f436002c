import { DefaultStackSynthesizer, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { migrationNames, repositoryNames, stackNames } from './names.ts';
import { acknowledgeNag, nagResourceName } from './nag.ts';

const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

export interface DeployAccessStackProps extends StackProps {
  envName: string;
  /** "owner/name" of the repository whose deploy workflow may assume the role. */
  githubRepository: string;
  /** An account has one GitHub OIDC provider; pass its ARN when it already exists. */
  existingOidcProviderArn?: string | undefined;
}

/**
 * The role deploy.yml assumes through GitHub's OIDC token: no long-lived keys. Only jobs that run in the
 * GitHub environment of the same name can assume it, and it can only push this environment's images,
 * read its services and hand CloudFormation work to the CDK bootstrap roles.
 */
export class DeployAccessStack extends Stack {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: DeployAccessStackProps) {
    super(scope, id, props);
    const providerArn =
      props.existingOidcProviderArn ??
      new iam.CfnOIDCProvider(this, 'GithubOidc', {
        url: `https://${GITHUB_OIDC_HOST}`,
        clientIdList: ['sts.amazonaws.com'],
      }).attrArn;

    this.role = new iam.Role(this, 'DeployRole', {
      roleName: `anb-${props.envName}-github-deploy`,
      description: `GitHub Actions deploys of ${props.githubRepository} to ${props.envName}`,
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.WebIdentityPrincipal(providerArn, {
        StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com' },
        StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: `repo:${props.githubRepository}:environment:${props.envName}` },
      }),
    });

    const qualifier = DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const bootstrapRoles = this.formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: `cdk-${qualifier}-*-${this.account}-${this.region}`,
    });
    const clusterServices = this.formatArn({
      service: 'ecs',
      resource: 'service',
      resourceName: `anb-${props.envName}/*`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'UseCdkBootstrapRoles',
        actions: ['sts:AssumeRole'],
        resources: [bootstrapRoles],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({ sid: 'EcrLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'PushImages',
        actions: [
          'ecr:BatchCheckLayerAvailability',
          'ecr:InitiateLayerUpload',
          'ecr:UploadLayerPart',
          'ecr:CompleteLayerUpload',
          'ecr:PutImage',
          'ecr:BatchGetImage',
          'ecr:DescribeImages',
        ],
        resources: Object.values(repositoryNames(props.envName)).map((name) =>
          this.formatArn({ service: 'ecr', resource: 'repository', resourceName: name }),
        ),
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WatchServices',
        actions: ['ecs:DescribeServices'],
        resources: [clusterServices],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadTaskDefinitions',
        actions: ['ecs:DescribeTaskDefinition'],
        resources: ['*'],
      }),
    );

    this.grantMigrationRuns(props.envName);

    acknowledgeNag(
      this.role,
      'IAM5[Resource::*]',
      'ecr:GetAuthorizationToken and ecs:DescribeTaskDefinition support no resource-level permissions.',
    );
    acknowledgeNag(
      this.role,
      `IAM5[Resource::${nagResourceName(this, bootstrapRoles)}]`,
      'Only the CDK bootstrap roles of this account and region, which run the CloudFormation deployment.',
    );
    acknowledgeNag(
      this.role,
      `IAM5[Resource::${nagResourceName(this, clusterServices)}]`,
      "Only the services of this environment's cluster, which the workflow waits on.",
    );
  }

  /** `npm run ops -- migrate` in the workflow: read the stack's outputs, start the migration task and wait for it. */
  private grantMigrationRuns(envName: string): void {
    const names = migrationNames(envName);
    const appStack = this.formatArn({
      service: 'cloudformation',
      resource: 'stack',
      resourceName: `${stackNames(envName).app}/*`,
    });
    const migrationRevisions = this.formatArn({
      service: 'ecs',
      resource: 'task-definition',
      resourceName: `${names.family}:*`,
    });
    const clusterTasks = this.formatArn({ service: 'ecs', resource: 'task', resourceName: `anb-${envName}/*` });
    const migrationRoles = this.formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: `${names.rolePrefix}*`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadStackOutputs',
        actions: ['cloudformation:DescribeStacks'],
        resources: [appStack],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({ sid: 'RunMigrationTask', actions: ['ecs:RunTask'], resources: [migrationRevisions] }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({ sid: 'WatchMigrationTask', actions: ['ecs:DescribeTasks'], resources: [clusterTasks] }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'PassMigrationRoles',
        actions: ['iam:PassRole'],
        resources: [migrationRoles],
        conditions: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      }),
    );
    const reasons: Array<[string, string]> = [
      [appStack, "The stack id suffix is generated by CloudFormation; only this environment's app stack."],
      [migrationRevisions, 'Any revision of the migration task family; each deployment registers a new one.'],
      [clusterTasks, "Task ids exist only at run time; tasks of this environment's cluster."],
      [migrationRoles, 'The migration task and execution roles, passed to ECS only.'],
    ];
    for (const [arn, reason] of reasons)
      acknowledgeNag(this.role, `IAM5[Resource::${nagResourceName(this, arn)}]`, reason);
  }
}
