import type { ObjectStore, PublishedMedia } from '@anb/core';

/**
 * Published files reached through the store's own signed links (local disk, or S3 without a CDN).
 * Withdrawing does nothing: a link already handed out works until it expires (SIGNED_URL_TTL),
 * and no new one is handed out for a hidden video.
 */
export class SignedPublishedMedia implements PublishedMedia {
  readonly #store: ObjectStore;
  readonly #ttlSeconds: number;

  constructor(store: ObjectStore, ttlSeconds: number) {
    this.#store = store;
    this.#ttlSeconds = ttlSeconds;
  }

  urlOf(key: string): Promise<string> {
    return this.#store.signedUrl(key, this.#ttlSeconds);
  }

  async withdraw(): Promise<void> {}

  async reinstate(): Promise<void> {}
}
