import { describe, expect, it } from 'vitest';
import { SingleFlight } from '../src/services/single-flight.ts';

describe('SingleFlight', () => {
  it('runs one read for concurrent callers of the same key', async () => {
    const flight = new SingleFlight<number>();
    let reads = 0;
    let release: (value: number) => void = () => {};
    const read = () => {
      reads++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const first = flight.run('a', read);
    const second = flight.run('a', read);
    release(7);
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    expect(reads).toBe(1);
  });

  it('keeps nothing once a read settles, so the next read is fresh', async () => {
    const flight = new SingleFlight<number>();
    let value = 1;
    expect(await flight.run('a', async () => value)).toBe(1);
    value = 2;
    expect(await flight.run('a', async () => value)).toBe(2);
  });

  it('does not share between keys, and forgets a failed read', async () => {
    const flight = new SingleFlight<string>();
    await expect(flight.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await Promise.all([flight.run('a', async () => 'x'), flight.run('b', async () => 'y')])).toEqual(['x', 'y']);
  });
});
