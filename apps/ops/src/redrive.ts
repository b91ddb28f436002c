import { ListMessageMoveTasksCommand, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { OpsError, type OpsContext } from './context.ts';
import type { DeployedEnvironment } from './environment.ts';
import { queueCounts } from './queue-counts.ts';

const POLL_MS = 5_000;

/**
 * `redrive`: shows both queues' counts, then (only with `confirmed`) starts an SQS message-move task from the
 * dead-letter queue back to the job queue and follows it until it ends.
 */
export async function redrive(
  context: OpsContext,
  environment: DeployedEnvironment,
  confirmed: boolean,
): Promise<void> {
  const { clients, out } = context;
  const [jobs, dead] = await Promise.all([
    queueCounts(clients, environment.queueUrl),
    queueCounts(clients, environment.deadLetterQueueUrl),
  ]);
  out(`Job queue: ${jobs.waiting} waiting, ${jobs.inFlight} in progress`);
  out(`Dead-letter queue: ${dead.waiting} message(s)`);
  if (dead.waiting === 0) {
    out('Nothing to redrive.');
    return;
  }
  if (!confirmed) {
    out(`Run again with --yes to move ${dead.waiting} message(s) back to the job queue.`);
    return;
  }
  const { TaskHandle } = await clients.sqs.send(
    new StartMessageMoveTaskCommand({ SourceArn: dead.arn, DestinationArn: jobs.arn }),
  );
  out(`Message move task started (${TaskHandle ?? 'no handle'})`);
  for (;;) {
    const { Results = [] } = await clients.sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: dead.arn, MaxResults: 1 }),
    );
    const task = Results[0];
    const moved = `${task?.ApproximateNumberOfMessagesMoved ?? 0}/${task?.ApproximateNumberOfMessagesToMove ?? dead.waiting}`;
    if (!task || task.Status !== 'RUNNING') {
      const ending = `message move task ${task?.Status ?? 'not found'}: ${moved} moved`;
      if (task?.Status !== 'COMPLETED')
        throw new OpsError(`${ending}${task?.FailureReason ? ` (${task.FailureReason})` : ''}`);
      out(`Message move task COMPLETED: ${moved} moved`);
      return;
    }
    out(`  moving: ${moved}`);
    await context.sleep(POLL_MS);
  }
}
