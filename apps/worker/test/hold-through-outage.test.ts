import { describe, expect, it, vi } from 'vitest';
import { holdThroughOutage, type OutageHold } from '../src/hold-through-outage.ts';

const outage = Object.assign(new Error('getaddrinfo ENOTFOUND postgres'), { code: 'ENOTFOUND' });
const badQuery = Object.assign(new Error('syntax error'), { code: '42601' });

/** A database that refuses `downFor` pings, then answers. */
function hold(downFor: number, signal = new AbortController().signal) {
  let refused = 0;
  const ping = vi.fn(async () => {
    if (refused < downFor) {
      refused += 1;
      throw outage;
    }
  });
  const settings: OutageHold = {
    isOutage: (error) => (error as { code?: string }).code === 'ENOTFOUND',
    ping,
    signal,
    onHold: vi.fn(),
    onResume: vi.fn(),
    pingIntervalMs: 1,
  };
  return settings;
}

describe('holdThroughOutage', () => {
  it('returns what the job returns, without pinging, when the job succeeds', async () => {
    const settings = hold(0);
    await expect(holdThroughOutage(async () => 'published', settings)).resolves.toBe('published');
    expect(settings.ping).not.toHaveBeenCalled();
  });

  it('waits while the database is away, then runs the job again and returns its result', async () => {
    const settings = hold(3);
    const job = vi.fn().mockRejectedValueOnce(outage).mockResolvedValueOnce('published');
    await expect(holdThroughOutage(job, settings)).resolves.toBe('published');
    expect(job).toHaveBeenCalledTimes(2);
    expect(settings.ping).toHaveBeenCalledTimes(4);
    expect(settings.onHold).toHaveBeenCalledExactlyOnceWith(outage);
    expect(settings.onResume).toHaveBeenCalledOnce();
  });

  it('throws an outage-looking error at once when the database answers (the queue retries it as usual)', async () => {
    const settings = hold(0);
    const job = vi.fn().mockRejectedValue(outage);
    await expect(holdThroughOutage(job, settings)).rejects.toBe(outage);
    expect(job).toHaveBeenCalledOnce();
    expect(settings.onHold).not.toHaveBeenCalled();
  });

  it('throws any other error without asking the database', async () => {
    const settings = hold(5);
    await expect(holdThroughOutage(() => Promise.reject(badQuery), settings)).rejects.toBe(badQuery);
    expect(settings.ping).not.toHaveBeenCalled();
  });

  it('gives the job back when the worker stops during the hold', async () => {
    const stopping = new AbortController();
    const settings = hold(Number.POSITIVE_INFINITY, stopping.signal);
    settings.onHold = () => stopping.abort();
    const job = vi.fn().mockRejectedValue(outage);
    await expect(holdThroughOutage(job, settings)).rejects.toBe(outage);
    expect(job).toHaveBeenCalledOnce();
    expect(settings.onResume).not.toHaveBeenCalled();
  });
});
