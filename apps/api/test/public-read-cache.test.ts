import { describe, expect, it } from 'vitest';
import { PublicReadCache, type CachedAnswer } from '../src/http/public-read-cache.ts';

/** Reads the test settles by hand, counting how many were asked for. */
function controlledReads() {
  const pending: { resolve: (answer: CachedAnswer) => void; reject: (error: Error) => void }[] = [];
  let reads = 0;
  return {
    read: () => {
      reads += 1;
      return new Promise<CachedAnswer>((resolve, reject) => pending.push({ resolve, reject }));
    },
    settleNext(body: string) {
      pending.shift()?.resolve({ body, headers: { 'x-total-count': body.length } });
    },
    failNext(error: Error) {
      pending.shift()?.reject(error);
    },
    get reads() {
      return reads;
    },
  };
}

function cacheWithClock(freshMs: number, maxEntries?: number) {
  let now = 1_000;
  const cache = new PublicReadCache({ freshMs, maxEntries, now: () => now });
  return { cache, advance: (ms: number) => (now += ms) };
}

describe('PublicReadCache', () => {
  it('serves one read to every reader while it is fresh, and reads again once it is not', async () => {
    const { cache, advance } = cacheWithClock(250);
    const source = controlledReads();
    const first = cache.answer('rankings', source.read);
    const second = cache.answer('rankings', source.read);
    source.settleNext('v1');
    expect((await first).body).toBe('v1');
    expect((await second).body).toBe('v1');

    advance(249);
    expect((await cache.answer('rankings', source.read)).body).toBe('v1');
    expect(source.reads).toBe(1);

    advance(1);
    const afterWindow = cache.answer('rankings', source.read);
    source.settleNext('v2');
    expect((await afterWindow).body).toBe('v2');
    expect(source.reads).toBe(2);
  });

  it('keeps answers apart by key', async () => {
    const { cache } = cacheWithClock(250);
    const source = controlledReads();
    const bogota = cache.answer('city=bogota', source.read);
    const cali = cache.answer('city=cali', source.read);
    source.settleNext('bogota');
    source.settleNext('cali');
    expect([(await bogota).body, (await cali).body]).toEqual(['bogota', 'cali']);
    expect(source.reads).toBe(2);
  });

  it('after counts moved here, the next reader waits for a fresh read and readers meanwhile get the previous answer', async () => {
    const { cache } = cacheWithClock(250);
    const source = controlledReads();
    const filled = cache.answer('rankings', source.read);
    source.settleNext('before');
    await filled;

    cache.outdated();
    const firstAfterChange = cache.answer('rankings', source.read);
    const meanwhile = await cache.answer('rankings', source.read);
    expect(meanwhile.body).toBe('before');
    source.settleNext('after');
    expect((await firstAfterChange).body).toBe('after');
    expect((await cache.answer('rankings', source.read)).body).toBe('after');
    expect(source.reads).toBe(2);
  });

  it('after an organiser acted, nobody gets an earlier answer', async () => {
    const { cache } = cacheWithClock(250);
    const source = controlledReads();
    const filled = cache.answer('listing', source.read);
    source.settleNext('with the video');
    await filled;

    cache.discard();
    const first = cache.answer('listing', source.read);
    const second = cache.answer('listing', source.read);
    source.settleNext('without it');
    expect([(await first).body, (await second).body]).toEqual(['without it', 'without it']);
    expect(source.reads).toBe(2);
  });

  it('hands a read begun before a change to its waiters but never keeps it', async () => {
    const { cache } = cacheWithClock(250);
    const source = controlledReads();
    const begunBefore = cache.answer('rankings', source.read);
    cache.outdated();
    const begunAfter = cache.answer('rankings', source.read);
    expect(source.reads).toBe(2);
    source.settleNext('old snapshot');
    source.settleNext('new snapshot');
    expect((await begunBefore).body).toBe('old snapshot');
    expect((await begunAfter).body).toBe('new snapshot');
    expect((await cache.answer('rankings', source.read)).body).toBe('new snapshot');
    expect(source.reads).toBe(2);
  });

  it('keeps nothing when the window is 0, yet concurrent readers still share one read', async () => {
    const { cache } = cacheWithClock(0);
    const source = controlledReads();
    const first = cache.answer('rankings', source.read);
    const second = cache.answer('rankings', source.read);
    source.settleNext('shared');
    expect([(await first).body, (await second).body]).toEqual(['shared', 'shared']);
    const later = cache.answer('rankings', source.read);
    source.settleNext('read again');
    expect((await later).body).toBe('read again');
    expect(source.reads).toBe(2);
  });

  it('passes a failed read to its waiters and keeps nothing of it', async () => {
    const { cache } = cacheWithClock(250);
    const source = controlledReads();
    const first = cache.answer('rankings', source.read);
    const second = cache.answer('rankings', source.read);
    source.failNext(new Error('database down'));
    await expect(first).rejects.toThrow('database down');
    await expect(second).rejects.toThrow('database down');
    const retried = cache.answer('rankings', source.read);
    source.settleNext('back');
    expect((await retried).body).toBe('back');
  });

  it('drops the oldest answers beyond its size', async () => {
    const { cache } = cacheWithClock(250, 2);
    const source = controlledReads();
    for (const key of ['a', 'b', 'c']) {
      const answer = cache.answer(key, source.read);
      source.settleNext(key);
      await answer;
    }
    expect(source.reads).toBe(3);
    const kept = await cache.answer('c', source.read);
    expect(kept.body).toBe('c');
    const dropped = cache.answer('a', source.read);
    source.settleNext('a again');
    expect((await dropped).body).toBe('a again');
    expect(source.reads).toBe(4);
  });
});
