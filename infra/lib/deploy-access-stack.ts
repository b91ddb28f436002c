import { DefaultStackSynthesizer, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { repositoryNames } from './names.ts';
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
}
