/** Where video files live: local disk in the embedded default, S3 in production. */
export interface ObjectStore {
  /** Stores the file at `filePath` under `key`, replacing any object already there. */
  putFile(key: string, filePath: string, contentType: string): Promise<void>;
  /** Copies the object to `filePath`; rejects with ObjectNotFoundError when it does not exist. */
  getToFile(key: string, filePath: string): Promise<void>;
  /** The object's bytes as a stream; rejects with ObjectNotFoundError when it does not exist. */
  read(key: string): Promise<AsyncIterable<Uint8Array>>;
  /** Removes the objects; keys that do not exist are ignored. */
  delete(keys: readonly string[]): Promise<void>;
  exists(key: string): Promise<boolean>;
  /**
   * A time-limited URL a browser can GET (with Range) to play or download the object.
   * Absolute for S3; origin-relative (starting with `/`) for local disk, which the API serves.
   */
  signedUrl(key: string, ttlSeconds: number): Promise<string>;
  /** Rejects when the store cannot be reached (readiness). */
  ping(): Promise<void>;
}

export class ObjectNotFoundError extends Error {
  readonly key: string;
  constructor(key: string) {
    super(`object not found: ${key}`);
    this.name = 'ObjectNotFoundError';
    this.key = key;
  }
}

/** Deterministic keys, so a retried job overwrites instead of duplicating. */
export const objectKeys = {
  original: (videoId: string) => `uploaded/${videoId}.mp4`,
  processed: (videoId: string) => `processed/${videoId}.mp4`,
  poster: (videoId: string) => `processed/${videoId}.jpg`,
};
