/** Thrown for a key that could escape the store's folder or is not one of our key shapes. */
export class InvalidObjectKeyError extends Error {
  readonly key: string;
  constructor(key: string) {
    super(`invalid object key: ${JSON.stringify(key)}`);
    this.name = 'InvalidObjectKeyError';
    this.key = key;
  }
}

// Segments may not start with a dot: that rules out `.`/`..` and keeps keys apart from hidden temp files.
const keyPattern = /^[a-z0-9_-][a-z0-9._-]*(?:\/[a-z0-9_-][a-z0-9._-]*)*$/;
const MAX_KEY_LENGTH = 512;

export const isValidObjectKey = (key: string): boolean => key.length <= MAX_KEY_LENGTH && keyPattern.test(key);

/** Both adapters enforce the same rule, so a bad key fails on a laptop exactly as it would on AWS. */
export function assertValidObjectKey(key: string): void {
  if (!isValidObjectKey(key)) throw new InvalidObjectKeyError(key);
}
