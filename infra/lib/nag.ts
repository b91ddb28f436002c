import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one AwsSolutions finding on a construct and its children. `rule` is the id after
 * "AwsSolutions-", optionally with the finding, e.g. "IAM5[Resource::*]"; the reason is one line.
 */
export function acknowledgeNag(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${rule}`, reason });
}

/** How cdk-nag names a resource in an IAM5 finding: the resolved ARN with references written as <Ref> or <Id.Attr>. */
export function nagResourceName(scope: IConstruct, arn: string): string {
  const render = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const token = value as Record<string, unknown>;
    if ('Fn::Join' in token) {
      const [separator, parts] = token['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(separator);
    }
    if ('Ref' in token) return `<${String(token.Ref)}>`;
    if ('Fn::GetAtt' in token) return `<${(token['Fn::GetAtt'] as string[]).join('.')}>`;
    throw new Error(`cannot name ${JSON.stringify(value)} for cdk-nag`);
  };
  return render(Stack.of(scope).resolve(arn));
}
