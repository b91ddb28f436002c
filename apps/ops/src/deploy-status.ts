import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import type { OpsContext } from './context.ts';
import type { DeployedEnvironment } from './environment.ts';

/** `deploy-status`: the stack's last operation, and each service's rollouts with the image tag they run. */
export async function deployStatus(context: OpsContext, environment: DeployedEnvironment): Promise<void> {
  const { clients, out } = context;
  const { Stacks = [] } = await clients.cloudFormation.send(
    new DescribeStacksCommand({ StackName: environment.stackName }),
  );
  const stack = Stacks[0];
  const updated = stack?.LastUpdatedTime ?? stack?.CreationTime;
  out(
    `Stack ${environment.stackName}: ${stack?.StackStatus ?? 'unknown'}${updated ? ` (${updated.toISOString()})` : ''}`,
  );
  const { services = [] } = await clients.ecs.send(
    new DescribeServicesCommand({
      cluster: environment.clusterName,
      services: [environment.services.api, environment.services.worker],
    }),
  );
  const imageTags = new Map<string, string>();
  const imageTagOf = async (taskDefinition: string) => {
    if (!imageTags.has(taskDefinition)) {
      const answer = await clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
      const image = answer.taskDefinition?.containerDefinitions?.[0]?.image ?? '';
      imageTags.set(taskDefinition, image.slice(image.lastIndexOf(':') + 1));
    }
    return imageTags.get(taskDefinition);
  };
  for (const service of services) {
    out(`${service.serviceName}: ${service.runningCount}/${service.desiredCount} running`);
    for (const deployment of service.deployments ?? []) {
      const tag = deployment.taskDefinition ? await imageTagOf(deployment.taskDefinition) : '?';
      out(
        `  ${deployment.status} image ${tag}: rollout ${deployment.rolloutState ?? '?'}, ` +
          `${deployment.runningCount}/${deployment.desiredCount} running, ${deployment.failedTasks ?? 0} failed` +
          (deployment.rolloutStateReason ? ` — ${deployment.rolloutStateReason}` : ''),
      );
    }
  }
}
