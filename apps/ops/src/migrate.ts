import type { OpsContext } from './context.ts';
import type { DeployedEnvironment } from './environment.ts';
import { requireCleanExit, runOneOffTask } from './one-off-task.ts';

/**
 * `migrate`: runs the migration task (the API image's `migrate` program) in the app subnets and waits until it
 * stops; succeeds only when its container exited 0. The deploy workflow runs it before the services change image.
 */
export async function migrate(context: OpsContext, environment: DeployedEnvironment): Promise<void> {
  const label = 'migration task';
  const stopped = await runOneOffTask(context, environment, { label, startedBy: 'ops-migrate' });
  requireCleanExit(stopped, label, environment);
  context.out('Migration task finished: schema up to date, application role updated');
}
