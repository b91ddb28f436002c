import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobQueue, QueueDepth } from '@anb/core';
import { Consumers, LONGER_THAN_ANY_TEST_SECONDS, newJob, patiently, within } from './queue-test-kit.ts';

export interface QueueUnderTest {
  /** A new handle on the same queue, as a separate worker process would hold one. */
  connect(overrides?: { heartbeatIntervalMs?: number; visibilityTimeoutSeconds?: number }): JobQueue;
}

export interface JobQueueFixture {
  /** A new, empty queue that dead-letters a message once it has been received `maxReceives` times. */
  createQueue(settings: { maxReceives: number; visibilityTimeoutSeconds: number }): Promise<QueueUnderTest>;
  /** The same kind of queue with its backend unreachable, retrying quickly. */
  unreachableQueue(): Promise<JobQueue>;
}

const expectDepth = (queue: JobQueue, expected: QueueDepth) =>
  vi.waitFor(async () => expect(await queue.depth()).toEqual(expected), patiently);

/** Registers the behaviour every JobQueue adapter must share; each adapter's test file calls it once. */
export function describeJobQueueContract(name: string, fixture: JobQueueFixture): void {
  describe(`${name} (JobQueue contract)`, () => {
    const consumers = new Consumers();
    afterEach(() => consumers.stopAll());

    it('delivers a published message once with receiveCount 1 and deletes it when the handler resolves', async () => {
      const queue = (await fixture.createQueue({ maxReceives: 3, visibilityTimeoutSeconds: 1 })).connect();
      const job = newJob();
      await queue.publish(job);

      const consumer = consumers.start(queue);

      const [message] = await consumer.inbox.received(1);
      expect(message).toMatchObject({ body: job, receiveCount: 1 });
      // Not deleted, it would come back after the 1 s visibility timeout and stay counted.
      await expectDepth(queue, { visible: 0, inFlight: 0, dead: 0 });
      expect(consumer.inbox.messages).toHaveLength(1);
      expect(consumer.errors).toEqual([]);
    });

    it('hides a message being handled from a second consumer', async () => {
      // A lease no test outlives: hidden by the lease itself, not by heartbeats landing in time.
      const target = await fixture.createQueue({
        maxReceives: 3,
        visibilityTimeoutSeconds: LONGER_THAN_ANY_TEST_SECONDS,
      });
      const held = consumers.gate();
      const first = consumers.start(target.connect(), () => held.opened);
      const heldJob = newJob();
      await target.connect().publish(heldJob);
      await first.inbox.received(1);

      const second = consumers.start(target.connect());
      const probe = newJob();
      await target.connect().publish(probe);

      // The second consumer is polling (it got the probe), yet never saw the held message.
      await second.inbox.received(1);
      expect(second.inbox.messages.map((message) => message.body)).toEqual([probe]);
    });

    it('reports every receive through onPoll, one that brought a message and one that failed', async () => {
      const polled = (queue: JobQueue) => {
        const stop = new AbortController();
        const first = new Promise<void>((resolve) => {
          const stopped = queue.consume(async () => {}, {
            concurrency: 1,
            signal: stop.signal,
            stopTimeoutMs: 1_000,
            onError: () => {},
            onPoll: () => resolve(),
          });
          void stopped.catch(() => {});
        });
        return first.finally(() => stop.abort());
      };
      const queue = (await fixture.createQueue({ maxReceives: 3, visibilityTimeoutSeconds: 5 })).connect();
      await queue.publish(newJob());
      await expect(within(polled(queue), 'onPoll after a receive')).resolves.toBeUndefined();
      await expect(
        within(polled(await fixture.unreachableQueue()), 'onPoll after a failed receive'),
      ).resolves.toBeUndefined();
    });

    it('redelivers the message of a failed handler at once, with receiveCount 2', async () => {
      const queue = (
        await fixture.createQueue({ maxReceives: 3, visibilityTimeoutSeconds: LONGER_THAN_ANY_TEST_SECONDS })
      ).connect();
      const job = newJob();
      await queue.publish(job);

      const consumer = consumers.start(queue, async (message) => {
        if (message.receiveCount === 1) throw new Error('transient failure');
      });

      // Only an immediate redelivery arrives: after the visibility timeout it would come too late for any test.
      const [first, second] = await consumer.inbox.received(2);
      expect(first).toMatchObject({ body: job, receiveCount: 1 });
      expect(second).toMatchObject({ id: first?.id, body: job, receiveCount: 2 });
      await expectDepth(queue, { visible: 0, inFlight: 0, dead: 0 });
    });

    it('dead-letters a message after maxReceives failed deliveries and never delivers it again', async () => {
      const queue = (await fixture.createQueue({ maxReceives: 2, visibilityTimeoutSeconds: 5 })).connect();
      await queue.publish(newJob());

      const consumer = consumers.start(queue, async () => {
        throw new Error('permanent failure');
      });

      await consumer.inbox.received(2);
      await expectDepth(queue, { visible: 0, inFlight: 0, dead: 1 });
      await consumer.stop();
      expect(consumer.inbox.messages.map((message) => message.receiveCount)).toEqual([1, 2]);
    });

    it('keeps a long handler’s message invisible beyond the visibility timeout by heartbeats', async () => {
      const target = await fixture.createQueue({ maxReceives: 3, visibilityTimeoutSeconds: 1 });
      const handled = consumers.gate();
      // Twenty heartbeats per timeout, one at a time: the lease lapses only if none lands for a whole second,
      // not when one beat of the default three is late on a busy machine.
      const first = consumers.start(target.connect({ heartbeatIntervalMs: 50 }), async () => {
        // The job itself is about time: it runs for 2.5 visibility timeouts.
        await delay(2_500);
        handled.open();
      });
      await target.connect().publish(newJob());
      await first.inbox.received(1);
      const other = consumers.start(target.connect(), () => consumers.gate().opened);

      await handled.opened;
      await first.stop();
      await expectDepth(target.connect(), { visible: 0, inFlight: 0, dead: 0 });
      const probe = newJob();
      await target.connect().publish(probe);

      // Had a heartbeat been missed, the other consumer would have received the held message first.
      await other.inbox.received(1);
      expect(other.inbox.messages.map((message) => message.body)).toEqual([probe]);
      expect(first.inbox.messages).toHaveLength(1);
      expect(first.errors).toEqual([]);
    });

    it('lets another consumer take the message of a consumer that stopped heartbeating, after the timeout', async () => {
      const target = await fixture.createQueue({ maxReceives: 3, visibilityTimeoutSeconds: 1 });
      // A heartbeat far beyond the visibility timeout stands for a worker that died mid-job.
      const dying = consumers.start(target.connect({ heartbeatIntervalMs: 60_000 }), () => consumers.gate().opened, {
        stopTimeoutMs: 0,
      });
      await target.connect().publish(newJob());
      const [lost] = await dying.inbox.received(1);

      // Without heartbeats of its own, so none can hide a wrongly released message again, and with a lease
      // no test outlives, so only a wrong release (not a slow machine) can make the message visible again.
      const survivor = consumers.start(
        target.connect({ heartbeatIntervalMs: 60_000, visibilityTimeoutSeconds: LONGER_THAN_ANY_TEST_SECONDS }),
        () => consumers.gate().opened,
      );
      const [taken] = await survivor.inbox.received(1);
      expect(taken).toMatchObject({ id: lost?.id, body: lost?.body, receiveCount: 2 });

      // The dead worker's late release must leave the survivor's lease alone.
      await dying.stop();
      expect(await target.connect().depth()).toEqual({ visible: 0, inFlight: 1, dead: 0 });
    });

    it('on stop, stops receiving, waits for the in-flight handler and then deletes its message', async () => {
      const target = await fixture.createQueue({ maxReceives: 3, visibilityTimeoutSeconds: 5 });
      const held = consumers.gate();
      const consumer = consumers.start(target.connect(), () => held.opened, { concurrency: 2, stopTimeoutMs: 10_000 });
      await target.connect().publish(newJob());
      await consumer.inbox.received(1);

      const stopping = consumer.stop();
      let stopped = false;
      void stopping.then(() => (stopped = true));
      await target.connect().publish(newJob());
      // A negative has no event to await, so it gets a window: consume must still be waiting for the
      // handler. A slow machine can only make the window catch less, never fail a correct consumer.
      await delay(300);
      expect(stopped).toBe(false);

      held.open();
      await within(stopping, 'stop after the handler finished');
      expect(consumer.inbox.messages).toHaveLength(1);
      const depth = await target.connect().depth();
      // The second message was never handled (an aborted long poll may still have leased it on the server).
      expect(depth.visible + depth.inFlight).toBe(1);
    });

    it('after the stop timeout, releases the message of a still-running handler to another consumer at once', async () => {
      const target = await fixture.createQueue({
        maxReceives: 3,
        visibilityTimeoutSeconds: LONGER_THAN_ANY_TEST_SECONDS,
      });
      const stuck = consumers.start(target.connect(), () => consumers.gate().opened, { stopTimeoutMs: 100 });
      const job = newJob();
      await target.connect().publish(job);
      await stuck.inbox.received(1);
      const other = consumers.start(target.connect());

      await within(stuck.stop(), 'stop despite a handler that never finishes');

      // Only a released message arrives: the visibility timeout would end after any test.
      const [taken] = await other.inbox.received(1);
      expect(taken).toMatchObject({ body: job, receiveCount: 2 });
    });

    it('runs up to `concurrency` handlers at the same time, and no more', async () => {
      const queue = (await fixture.createQueue({ maxReceives: 3, visibilityTimeoutSeconds: 5 })).connect();
      for (let i = 0; i < 4; i += 1) await queue.publish(newJob());
      const allThreeRunning = consumers.gate();
      let running = 0;
      let mostRunning = 0;

      const consumer = consumers.start(
        queue,
        async () => {
          running += 1;
          mostRunning = Math.max(mostRunning, running);
          if (running === 3) allThreeRunning.open();
          // Each of the first three waits for the others: with less concurrency they would never all start.
          await allThreeRunning.opened;
          running -= 1;
        },
        { concurrency: 3 },
      );

      await consumer.inbox.received(4);
      expect(mostRunning).toBe(3);
      await expectDepth(queue, { visible: 0, inFlight: 0, dead: 0 });
    });

    it('reports visible and in-flight messages in depth()', async () => {
      const queue = (await fixture.createQueue({ maxReceives: 3, visibilityTimeoutSeconds: 5 })).connect();
      await queue.publish(newJob());
      await queue.publish(newJob());
      expect(await queue.depth()).toEqual({ visible: 2, inFlight: 0, dead: 0 });

      const consumer = consumers.start(queue, () => consumers.gate().opened);
      await consumer.inbox.received(1);

      await expectDepth(queue, { visible: 1, inFlight: 1, dead: 0 });
    });

    it('answers ping when reachable and rejects it when not', async () => {
      const queue = (await fixture.createQueue({ maxReceives: 3, visibilityTimeoutSeconds: 5 })).connect();
      await expect(queue.ping()).resolves.toBeUndefined();
      await expect((await fixture.unreachableQueue()).ping()).rejects.toThrow();
    });

    it('reports an unreachable backend through onError, keeps retrying, and still stops when told to', async () => {
      const consumer = consumers.start(await fixture.unreachableQueue());

      await vi.waitFor(() => expect(consumer.errors.length).toBeGreaterThanOrEqual(2), patiently);
      await within(consumer.stop(), 'stop while the backend is unreachable');
    });
  });
}
