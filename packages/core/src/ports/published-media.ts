/**
 * How the public reaches a published video's files (the showcase clip and its poster), and how
 * hiding a video takes them back: signed, expiring links from the store, or a CDN in production.
 */
export interface PublishedMedia {
  /** A URL anyone may GET (with Range) for a published video's file. */
  urlOf(key: string): Promise<string>;
  /** The files stop answering for everyone, cached copies included (a video being hidden). Missing keys are fine. */
  withdraw(keys: readonly string[]): Promise<void>;
  /** The files answer again (a hidden video being restored). Missing keys are fine. */
  reinstate(keys: readonly string[]): Promise<void>;
}
