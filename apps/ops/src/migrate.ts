import { DescribeTasksCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { OpsError, type OpsContext } from './context.ts';
import type { DeployedEnvironment } from './environment.ts';

const POLL_MS = 6_000;

/**
 * `migrate`: runs the migration task (the API image's `migrate` program) in the app subnets and waits until it
 * stops; succeeds only when its container exited 0. The deploy workflow runs it before the services change image.
 */
export async function migrate(context: OpsContext, environment: DeployedEnvironment): Promise<void> {
  const { clients, out } = context;
  const { tasks = [], failures = [] } = await clients.ecs.send(
    new RunTaskCommand({
      cluster: environment.clusterName,
      taskDefinition: environment.migration.taskDefinitionArn,
      launchType: 'FARGATE',
      count: 1,
      startedBy: 'ops-migrate',
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: environment.migration.subnetIds,
          securityGroups: [environment.migration.securityGroupId],
          assignPublicIp: 'DISABLED',
        },
      },
    }),
  );
  const taskArn = tasks[0]?.taskArn;
  if (!taskArn) {
    throw new OpsError(`the migration task did not start: ${failures.map((f) => f.reason).join(', ') || 'no reason'}`);
  }
  out(`Migration task started: ${taskArn}`);
  for (;;) {
    const answer = await clients.ecs.send(
      new DescribeTasksCommand({ cluster: environment.clusterName, tasks: [taskArn] }),
    );
    const task = answer.tasks?.[0];
    if (task?.lastStatus === 'STOPPED') {
      const exitCode = task.containers?.[0]?.exitCode;
      if (exitCode === 0) {
        out('Migration task finished: schema up to date, application role updated');
        return;
      }
      throw new OpsError(
        `the migration task stopped with exit code ${exitCode ?? 'none'} (${task.stoppedReason ?? 'no reason'}); ` +
          `read its output with: npm run ops -- logs migrate --env ${environment.envName} --since 30m`,
      );
    }
    out(`  migration task ${task?.lastStatus ?? 'PENDING'}…`);
    await context.sleep(POLL_MS);
  }
}
