import { FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { OpsError, type OpsContext } from './context.ts';
import { logStreamOf } from './one-off-task.ts';

const FOLLOW_POLL_MS = 2_000;
/** A stopped task's last lines can reach CloudWatch a few seconds after ECS reports it stopped. */
const TASK_OUTPUT_ATTEMPTS = 3;

/** "10m", "2h", "30s", "1d" → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text);
  if (!match) throw new OpsError(`--since: expected a duration such as 30s, 10m, 2h or 1d, got "${text}"`);
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

export interface LogsOptions {
  sinceMs: number;
  follow: boolean;
  /** Only this task's events (its log stream); the task id is the last part of its ARN. */
  taskId?: string | undefined;
  /** Ends --follow (Ctrl-C in the command line). */
  signal?: AbortSignal;
}

/** `logs`: prints a log group's events since a moment, oldest first; with --follow keeps polling for new ones. */
export async function printLogs(context: OpsContext, logGroupName: string, options: LogsOptions): Promise<void> {
  let startTime = context.now() - options.sinceMs;
  const seen = new Set<string>();
  const logStreamNames = options.taskId ? [logStreamOf(options.taskId)] : undefined;
  for (;;) {
    let nextToken: string | undefined;
    do {
      const page = await context.clients.logs.send(
        new FilterLogEventsCommand({ logGroupName, logStreamNames, startTime, nextToken }),
      );
      for (const event of page.events ?? []) {
        if (event.eventId && seen.has(event.eventId)) continue;
        if (event.eventId) seen.add(event.eventId);
        context.out(formatEvent(event));
        startTime = Math.max(startTime, event.timestamp ?? startTime);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    if (!options.follow || options.signal?.aborted) return;
    await context.sleep(FOLLOW_POLL_MS);
    if (options.signal?.aborted) return;
  }
}

/**
 * Prints what a stopped one-off task wrote (the admin program's one line), indented. Best effort: the exit code
 * decides the outcome, so a stream that is not there yet or cannot be read only adds a note.
 */
export async function printTaskOutput(context: OpsContext, logGroupName: string, taskId: string): Promise<void> {
  for (let attempt = 1; attempt <= TASK_OUTPUT_ATTEMPTS; attempt += 1) {
    const messages = await readTaskStream(context, logGroupName, taskId).catch((error: Error) => error);
    if (messages instanceof Error && messages.name !== 'ResourceNotFoundException') {
      context.out(`  (its output could not be read: ${messages.message})`);
      return;
    }
    if (Array.isArray(messages) && messages.length > 0) {
      for (const message of messages) context.out(`  ${message.trimEnd()}`);
      return;
    }
    if (attempt < TASK_OUTPUT_ATTEMPTS) await context.sleep(FOLLOW_POLL_MS);
  }
  context.out('  (its output has not reached the logs yet)');
}

async function readTaskStream(context: OpsContext, logGroupName: string, taskId: string): Promise<string[]> {
  const messages: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await context.clients.logs.send(
      new FilterLogEventsCommand({ logGroupName, logStreamNames: [logStreamOf(taskId)], nextToken }),
    );
    messages.push(...(page.events ?? []).map((event) => event.message ?? ''));
    nextToken = page.nextToken;
  } while (nextToken);
  return messages;
}

function formatEvent(event: FilteredLogEvent): string {
  const when = new Date(event.timestamp ?? 0).toISOString();
  return `${when} ${event.logStreamName?.split('/').pop() ?? ''} ${(event.message ?? '').trimEnd()}`;
}
