import { Stack, type CfnResource, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag.ts';

/** The AWS-managed prefix list of the addresses CloudFront connects to origins from. */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';
/** The header CloudFront adds to every request it sends the load balancer; the listener refuses requests without it. */
export const ORIGIN_VERIFY_HEADER = 'X-Origin-Verify';

export interface CdnOriginGuardProps {
  envName: string;
  removalPolicy: RemovalPolicy;
}

/**
 * What keeps the load balancer for CloudFront alone: the id of CloudFront's origin-facing prefix list (for the
 * security group) and a generated secret CloudFront sends as a header (for the listener), as a distribution of
 * another account also connects from those addresses.
 */
export class CdnOriginGuard extends Construct {
  /** `pl-…`, resolved at deployment: the list's id differs per region and synthesis has no AWS access. */
  readonly prefixListId: string;
  readonly secret: secretsmanager.Secret;
  /** A CloudFormation dynamic reference: resolved at deployment, never written into the template. */
  readonly headerValue: string;
  readonly headerName = ORIGIN_VERIFY_HEADER;

  constructor(scope: Construct, id: string, props: CdnOriginGuardProps) {
    super(scope, id);
    const lookup = new cr.AwsCustomResource(this, 'CloudFrontPrefixList', {
      resourceType: 'Custom::CloudFrontOriginFacingPrefixList',
      onUpdate: {
        service: 'EC2',
        action: 'describeManagedPrefixLists',
        parameters: { Filters: [{ Name: 'prefix-list-name', Values: [CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST] }] },
        physicalResourceId: cr.PhysicalResourceId.of(CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST),
        outputPaths: ['PrefixLists.0.PrefixListId'],
      },
      // Describe calls on EC2 take no resource-level permissions: this one action, on "*", is the least there is.
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['ec2:DescribeManagedPrefixLists'], resources: ['*'] }),
      ]),
      installLatestAwsSdk: false,
    });
    this.prefixListId = lookup.getResponseField('PrefixLists.0.PrefixListId');

    this.secret = new secretsmanager.Secret(this, 'Secret', {
      secretName: `anb/${props.envName}/origin-verify`,
      description: `anb-${props.envName}: header value CloudFront sends the load balancer; requests without it are refused`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: props.removalPolicy,
    });
    // Both the distribution and the listener rule resolve it at deployment (a dynamic reference, not the value).
    this.headerValue = this.secret.secretValue.unsafeUnwrap();
    acknowledgeNag(
      this.secret,
      'SMG4',
      'Only proves a request came through this distribution; rotated by hand with a deployment (runbook), as CloudFront and the listener must change together.',
    );
    acknowledgeCustomResourceFunction(this);
  }
}

/** The single Lambda function CDK shares among the stack's AwsCustomResources. */
function acknowledgeCustomResourceFunction(scope: Construct): void {
  acknowledgeNag(
    scope,
    'IAM5[Resource::*]',
    'ec2:DescribeManagedPrefixLists has no resource-level permissions; it is the only action the lookup may call.',
  );
  const provider = Stack.of(scope).node.tryFindChild(
    `AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`,
  );
  if (provider) {
    acknowledgeNag(
      provider,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      "CDK's function behind AwsCustomResource: it only writes its own logs.",
    );
    acknowledgeNag(provider, 'L1', "CDK's function behind AwsCustomResource: CDK chooses its runtime.");
    // CDK both references its role and depends on it; cfn-lint calls the second redundant (W3005).
    const cfnFunction = provider.node.tryFindChild('Resource') as CfnResource | undefined;
    cfnFunction?.addMetadata('cfn-lint', { config: { ignore_checks: ['W3005'] } });
  }
}
