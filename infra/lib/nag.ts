import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one AwsSolutions finding on a construct and its children. `rule` is the id after
 * "AwsSolutions-", optionally with the finding, e.g. "IAM5[Resource::*]"; the reason is one line.
 */
export function acknowledgeNag(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${rule}`, reason });
}
