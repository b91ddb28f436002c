import { describe, expect, it } from 'vitest';
import { EncodeTurns } from '../src/encode-turns.ts';

describe('EncodeTurns', () => {
  it('hands out as many turns as it has, then makes the next wait until one ends', async () => {
    const turns = new EncodeTurns(2);
    const first = await turns.take();
    await turns.take();
    let third: (() => void) | undefined;
    const waiting = turns.take().then((end) => (third = end));
    await Promise.resolve();
    expect(third).toBeUndefined();

    first();
    await waiting;
    expect(third).toBeTypeOf('function');
    expect(turns.free).toBe(0);
  });

  it('serves waiters in the order they came', async () => {
    const turns = new EncodeTurns(1);
    const end = await turns.take();
    const order: string[] = [];
    const a = turns.take().then((endA) => (order.push('a'), endA));
    const b = turns.take().then((endB) => (order.push('b'), endB));
    end();
    (await a)();
    (await b)();
    expect(order).toEqual(['a', 'b']);
    expect(turns.free).toBe(1);
  });

  it('counts a turn ended twice once', async () => {
    const turns = new EncodeTurns(1);
    const end = await turns.take();
    end();
    end();
    expect(turns.free).toBe(1);
  });

  it('drops a waiter whose signal aborts, which then never holds a turn', async () => {
    const turns = new EncodeTurns(1);
    const end = await turns.take();
    const controller = new AbortController();
    const waiting = turns.take(controller.signal);
    controller.abort(new Error('stopping'));
    await expect(waiting).rejects.toThrow('stopping');
    end();
    expect(turns.free).toBe(1);
  });
});
