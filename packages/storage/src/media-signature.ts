import { createHmac, timingSafeEqual } from 'node:crypto';
import { isValidObjectKey } from './object-key.ts';

/** Where the API serves local objects; signed URLs are `${MEDIA_ROUTE_PREFIX}<key>?expires=…&signature=…`. */
export const MEDIA_ROUTE_PREFIX = '/media/';

/** Expiry is rounded up to these boundaries so one object keeps one URL for a while (browser and CDN caching). */
export const EXPIRY_WINDOW_SECONDS = 300;

/** Unix seconds at least `ttlSeconds` from now, rounded up to the next window boundary. */
export function roundedExpiry(nowMs: number, ttlSeconds: number): number {
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  }
  const earliest = Math.ceil(nowMs / 1000) + ttlSeconds;
  return Math.ceil(earliest / EXPIRY_WINDOW_SECONDS) * EXPIRY_WINDOW_SECONDS;
}

export function signMediaKey(secret: string, key: string, expires: number): string {
  return createHmac('sha256', secret).update(`${key}\n${expires}`).digest('base64url');
}

export interface MediaSignatureCheck {
  secret: string;
  key: string;
  /** Unix seconds, as a number or straight from the query string. */
  expires: number | string;
  signature: string;
  nowMs: number;
}

export function isValidMediaSignature({ secret, key, expires, signature, nowMs }: MediaSignatureCheck): boolean {
  const expiresAt = parseUnixSeconds(expires);
  if (expiresAt === undefined || expiresAt * 1000 <= nowMs || !isValidObjectKey(key)) return false;
  const expected = Buffer.from(signMediaKey(secret, key, expiresAt));
  const given = Buffer.from(signature);
  // Compare the exact base64url text: decoding first would accept several spellings of one signature.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parseUnixSeconds(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  return /^\d{1,12}$/.test(value) ? Number(value) : undefined;
}
