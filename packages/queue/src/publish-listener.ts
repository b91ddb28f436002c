import type pg from 'pg';
import { Backoff, type BackoffSettings } from './backoff.ts';

export interface PublishListenerOptions {
  createClient: () => pg.Client;
  channel: string;
  onNotification: (payload: string) => void;
  /** Also called after every (re)connection: notifications sent while disconnected are lost. */
  onConnected: () => void;
  onError: (error: unknown) => void;
  backoff: BackoffSettings;
}

/** One dedicated connection that LISTENs on a channel and reconnects with back-off when it is lost. */
export class PublishListener {
  #options: PublishListenerOptions;
  #reconnects: Backoff;
  #client: pg.Client | undefined;
  #connecting: Promise<void> | undefined;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: PublishListenerOptions) {
    this.#options = options;
    this.#reconnects = new Backoff(options.backoff);
  }

  start(): void {
    this.#connecting = this.#connect();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    await this.#connecting;
    await this.#client?.end().catch(() => {});
    this.#client = undefined;
  }

  async #connect(): Promise<void> {
    const { createClient, channel, onNotification, onConnected, onError } = this.#options;
    const client = createClient();
    let lost = false;
    const lose = (error: unknown) => {
      if (lost) return;
      lost = true;
      if (this.#client === client) this.#client = undefined;
      if (this.#closed) return;
      // Not awaited: ending a client whose socket already died may never settle.
      void client.end().catch(() => {});
      onError(error);
      this.#reconnectTimer = setTimeout(() => (this.#connecting = this.#connect()), this.#reconnects.nextDelayMs());
    };
    client.on('error', lose);
    client.on('end', () => lose(new Error(`The connection listening on ${channel} ended`)));
    client.on('notification', (notification) => {
      if (notification.channel === channel) onNotification(notification.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`listen ${client.escapeIdentifier(channel)}`);
    } catch (error) {
      lose(error);
      return;
    }
    if (this.#closed) {
      lost = true;
      await client.end().catch(() => {});
      return;
    }
    this.#client = client;
    this.#reconnects.reset();
    onConnected();
  }
}
