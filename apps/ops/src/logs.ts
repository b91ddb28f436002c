import { FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { OpsError, type OpsContext } from './context.ts';

const FOLLOW_POLL_MS = 2_000;

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
  /** Ends --follow (Ctrl-C in the command line). */
  signal?: AbortSignal;
}

/** `logs`: prints a log group's events since a moment, oldest first; with --follow keeps polling for new ones. */
export async function printLogs(context: OpsContext, logGroupName: string, options: LogsOptions): Promise<void> {
  let startTime = context.now() - options.sinceMs;
  const seen = new Set<string>();
  for (;;) {
    let nextToken: string | undefined;
    do {
      const page = await context.clients.logs.send(new FilterLogEventsCommand({ logGroupName, startTime, nextToken }));
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

function formatEvent(event: FilteredLogEvent): string {
  const when = new Date(event.timestamp ?? 0).toISOString();
  return `${when} ${event.logStreamName?.split('/').pop() ?? ''} ${(event.message ?? '').trimEnd()}`;
}
