import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { OpsError, type OpsClients } from './context.ts';

export type ServiceName = 'api' | 'worker';

/** The resources of one deployed environment, found through the outputs of its `Anb-<env>-App` stack. */
export interface DeployedEnvironment {
  envName: string;
  stackName: string;
  clusterName: string;
  services: Record<ServiceName, string>;
  queueUrl: string;
  deadLetterQueueUrl: string;
  publicUrl: string | undefined;
  migration: { taskDefinitionArn: string; securityGroupId: string; subnetIds: string[] };
  /** The log groups follow the stack's naming rule, `/anb/<env>/<program>`. */
  logGroups: Record<ServiceName | 'migrate', string>;
}

export async function findEnvironment(clients: OpsClients, envName: string): Promise<DeployedEnvironment> {
  const stackName = `Anb-${envName}-App`;
  const answer = await clients.cloudFormation
    .send(new DescribeStacksCommand({ StackName: stackName }))
    .catch((error: Error) => {
      throw new OpsError(`cannot read stack ${stackName} (${error.message}); check --env, --region and credentials`);
    });
  const outputs = Object.fromEntries(
    (answer?.Stacks?.[0]?.Outputs ?? []).map((output) => [output.OutputKey ?? '', output.OutputValue ?? '']),
  );
  const required = (key: string): string => {
    const value = outputs[key];
    if (!value) throw new OpsError(`stack ${stackName} has no output ${key}; deploy the current infra first`);
    return value;
  };
  return {
    envName,
    stackName,
    clusterName: required('ClusterName'),
    services: { api: required('ApiServiceName'), worker: required('WorkerServiceName') },
    queueUrl: required('JobQueueUrl'),
    deadLetterQueueUrl: required('DeadLetterQueueUrl'),
    publicUrl: outputs.PublicUrl,
    migration: {
      taskDefinitionArn: required('MigrationTaskDefinitionArn'),
      securityGroupId: required('MigrationSecurityGroupId'),
      subnetIds: required('AppSubnetIds').split(','),
    },
    logGroups: { api: `/anb/${envName}/api`, worker: `/anb/${envName}/worker`, migrate: `/anb/${envName}/migrate` },
  };
}

export function parseServiceName(
  value: string | undefined,
  allowed: readonly string[] = ['api', 'worker'],
): ServiceName {
  if (!value || !allowed.includes(value))
    throw new OpsError(`expected one of ${allowed.join(', ')}, got "${value ?? ''}"`);
  return value as ServiceName;
}
