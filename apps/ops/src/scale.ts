import {
  DescribeScalableTargetsCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { OpsError, type OpsContext } from './context.ts';
import type { DeployedEnvironment, ServiceName } from './environment.ts';

/**
 * `scale api|worker N`: sets the desired count within the scalable target's limits; with `adjustLimits`
 * widens the limits to include N first. Automatic scaling keeps acting afterwards. CloudFormation does not
 * see the change, so widened limits stay until cdk.json's values change (docs/runbook.md, "Scaling").
 */
export async function scale(
  context: OpsContext,
  environment: DeployedEnvironment,
  service: ServiceName,
  count: number,
  adjustLimits: boolean,
): Promise<void> {
  if (!Number.isInteger(count) || count < 0) throw new OpsError(`task count must be a whole number ≥ 0, got ${count}`);
  const { clients, out } = context;
  const serviceName = environment.services[service];
  const resourceId = `service/${environment.clusterName}/${serviceName}`;
  const { ScalableTargets = [] } = await clients.autoScaling.send(
    new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [resourceId] }),
  );
  const target = ScalableTargets[0];
  if (!target) throw new OpsError(`${serviceName} has no scalable target; is the stack deployed?`);
  const min = target.MinCapacity ?? 0;
  const max = target.MaxCapacity ?? 0;
  if (count < min || count > max) {
    if (!adjustLimits) {
      throw new OpsError(
        `${count} is outside ${serviceName}'s limits ${min}–${max}; add --adjust-limits to widen them to include ${count}`,
      );
    }
    const limits = { MinCapacity: Math.min(min, count), MaxCapacity: Math.max(max, count) };
    await clients.autoScaling.send(
      new RegisterScalableTargetCommand({
        ServiceNamespace: 'ecs',
        ResourceId: resourceId,
        ScalableDimension: 'ecs:service:DesiredCount',
        ...limits,
      }),
    );
    out(
      `${serviceName}: limits now ${limits.MinCapacity}–${limits.MaxCapacity} (until cdk.json's limits change; see docs/runbook.md)`,
    );
  }
  await clients.ecs.send(
    new UpdateServiceCommand({ cluster: environment.clusterName, service: serviceName, desiredCount: count }),
  );
  out(`${serviceName}: desired count ${count}; automatic scaling may move it within the limits`);
}
