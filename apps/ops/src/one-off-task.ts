import { DescribeTaskDefinitionCommand, DescribeTasksCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { OpsError, type OpsContext } from './context.ts';
import type { DeployedEnvironment } from './environment.ts';

const POLL_MS = 6_000;

/**
 * The migration task definition's entry point (infra/lib/constructs/migration-task.ts): its command names the
 * program, so a command override runs another program of the image instead of handing arguments to migrate.
 */
export const ONE_OFF_ENTRY_POINT = ['node'];

/** The awslogs driver names a task's stream `<prefix>/<container>/<task id>` (infra's createAppTask: app, app). */
export const logStreamOf = (taskId: string) => `app/app/${taskId}`;

export interface OneOffTaskRun {
  /** Names the task in progress lines and failures: "migration task", "grant-organiser task". */
  label: string;
  /** ECS's startedBy, which shows who started the task in the console and in DescribeTasks. */
  startedBy: string;
  /** Replaces the task definition's command (the program and its arguments); the definition's own when absent. */
  command?: string[];
}

export interface StoppedTask {
  taskId: string;
  exitCode: number | undefined;
  stoppedReason: string | undefined;
}

/**
 * Runs the migration task definition (its image, app subnets, security group, database settings) once, as is or
 * with another command, and polls until it stops. Throws only when the task does not start.
 */
export async function runOneOffTask(
  context: OpsContext,
  environment: DeployedEnvironment,
  run: OneOffTaskRun,
): Promise<StoppedTask> {
  const { clients, out } = context;
  const cluster = environment.clusterName;
  if (run.command) await ensureCommandOverrideRunsNode(context, environment.migration.taskDefinitionArn);
  const { tasks = [], failures = [] } = await clients.ecs.send(
    new RunTaskCommand({
      cluster,
      taskDefinition: environment.migration.taskDefinitionArn,
      launchType: 'FARGATE',
      count: 1,
      startedBy: run.startedBy,
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: environment.migration.subnetIds,
          securityGroups: [environment.migration.securityGroupId],
          assignPublicIp: 'DISABLED',
        },
      },
      ...(run.command ? { overrides: { containerOverrides: [{ name: 'app', command: run.command }] } } : {}),
    }),
  );
  const taskArn = tasks[0]?.taskArn;
  if (!taskArn) {
    throw new OpsError(`the ${run.label} did not start: ${failures.map((f) => f.reason).join(', ') || 'no reason'}`);
  }
  out(`${capitalise(run.label)} started: ${taskArn}`);
  for (;;) {
    const answer = await clients.ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }));
    const task = answer.tasks?.[0];
    if (task?.lastStatus === 'STOPPED') {
      return {
        taskId: taskArn.slice(taskArn.lastIndexOf('/') + 1),
        exitCode: task.containers?.[0]?.exitCode,
        stoppedReason: task.stoppedReason,
      };
    }
    out(`  ${run.label} ${task?.lastStatus ?? 'PENDING'}…`);
    await context.sleep(POLL_MS);
  }
}

/** Succeeds on exit code 0; otherwise fails with the command that prints the task's own output. */
export function requireCleanExit(stopped: StoppedTask, label: string, environment: DeployedEnvironment): void {
  if (stopped.exitCode === 0) return;
  throw new OpsError(
    `the ${label} stopped with exit code ${stopped.exitCode ?? 'none'} (${stopped.stoppedReason ?? 'no reason'}); ` +
      `read its output with: npm run ops -- logs migrate --env ${environment.envName} --since 30m --task ${stopped.taskId}`,
  );
}

/**
 * ECS overrides a container's command, never its entry point: with a definition that still names a program in its
 * entry point (before infra's change), the override would become that program's arguments and run it instead.
 */
async function ensureCommandOverrideRunsNode(context: OpsContext, taskDefinition: string): Promise<void> {
  const answer = await context.clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
  const container = answer.taskDefinition?.containerDefinitions?.find((definition) => definition.name === 'app');
  const entryPoint = container?.entryPoint ?? [];
  if (entryPoint.join(' ') !== ONE_OFF_ENTRY_POINT.join(' ')) {
    throw new OpsError(
      `the migration task definition's entry point is "${entryPoint.join(' ')}", not "${ONE_OFF_ENTRY_POINT.join(' ')}", ` +
        'so it cannot run another program; deploy the current infra first',
    );
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
