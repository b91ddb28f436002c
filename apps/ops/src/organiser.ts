import { OpsError, type OpsContext } from './context.ts';
import type { DeployedEnvironment } from './environment.ts';
import { printTaskOutput } from './logs.ts';
import { requireCleanExit, runOneOffTask } from './one-off-task.ts';

export const ORGANISER_VERBS = ['grant-organiser', 'revoke-organiser'] as const;
export type OrganiserVerb = (typeof ORGANISER_VERBS)[number];

/** The admin program of the API image (apps/admin), run by the migration task definition's `node`. */
export const ADMIN_PROGRAM = 'apps/admin/src/main.ts';

/**
 * The one operand of an organiser verb, checked before any AWS call. It reaches the program as one argument (no
 * shell), but a leading "-" would read as an option there, and a typo costs a task start.
 */
export function parseEmail(operands: string[]): string {
  const [email = '', ...extra] = operands;
  if (extra.length > 0) throw new OpsError(`expected one e-mail address, got ${operands.length} arguments`);
  if (email.length > 254 || !/^[^\s@-][^\s@]*@[^\s@]+\.[^\s@.]+$/.test(email)) {
    throw new OpsError(`expected an e-mail address such as ana@example.com, got "${email}"`);
  }
  return email;
}

/**
 * `grant-organiser` / `revoke-organiser <email>`: runs the admin program as a one-off task of the migration task
 * definition (same image, network and database settings), prints what it said, succeeds only on exit code 0.
 */
export async function changeOrganiser(
  context: OpsContext,
  environment: DeployedEnvironment,
  verb: OrganiserVerb,
  email: string,
): Promise<void> {
  const label = `${verb} task`;
  const stopped = await runOneOffTask(context, environment, {
    label,
    startedBy: `ops-${verb}`,
    command: [ADMIN_PROGRAM, verb, email],
  });
  await printTaskOutput(context, environment.logGroups.migrate, stopped.taskId);
  requireCleanExit(stopped, label, environment);
  context.out(`${verb} ${email}: done`);
}
