import { setTimeout as sleep } from 'node:timers/promises';

export interface OutageHold {
  /** Whether an error means the database cannot be reached right now. */
  isOutage(error: unknown): boolean;
  /** Resolves when the database answers, rejects otherwise. */
  ping(): Promise<void>;
  /** Ends the hold (the worker is stopping): the job's error is thrown and its message released. */
  signal: AbortSignal;
  onHold(error: unknown): void;
  onResume(): void;
  /** Between pings while the database is away. Default 2 s. */
  pingIntervalMs?: number;
}

/**
 * Runs a job and, when it fails because the database went away, waits for the database and runs the
 * job again while the worker keeps its queue message (the heartbeat goes on extending it). An outage
 * then costs no delivery: otherwise every job received during an RDS reboot or failover would burn
 * its receives within seconds and end in the dead-letter queue. An error that only looks like an
 * outage (the database answers at once) is thrown as usual, so the queue's retry and dead-letter
 * rules still apply.
 */
export async function holdThroughOutage<T>(job: () => Promise<T>, hold: OutageHold): Promise<T> {
  for (;;) {
    try {
      return await job();
    } catch (error) {
      if (!hold.isOutage(error) || hold.signal.aborted || (await answers(hold))) throw error;
      hold.onHold(error);
      while (!(await answers(hold))) {
        await sleep(hold.pingIntervalMs ?? 2_000, undefined, { signal: hold.signal }).catch(() => {});
        if (hold.signal.aborted) throw error;
      }
      hold.onResume();
    }
  }
}

const answers = (hold: OutageHold) =>
  hold.ping().then(
    () => true,
    () => false,
  );
