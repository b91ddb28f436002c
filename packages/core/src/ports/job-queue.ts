/** The only message the system exchanges: process this uploaded video. */
export interface ProcessVideoJob {
  videoId: string;
}

export interface ReceivedMessage<T> {
  /** Queue-assigned id of this message. */
  id: string;
  body: T;
  /** 1 on the first delivery; grows with each redelivery. */
  receiveCount: number;
}

export interface ConsumeOptions {
  /** Messages handled at the same time by this consumer. */
  concurrency: number;
  /** Aborting stops polling; `consume` resolves once in-flight handlers settle or are released. */
  signal: AbortSignal;
  /** After `signal` aborts, how long in-flight handlers may run before their messages are released. */
  stopTimeoutMs: number;
  /** Called with errors of the queue itself (not of handlers), e.g. a lost connection before a back-off. */
  onError?: (error: unknown) => void;
  /** Called each time a receive returns, with or without messages or with an error: the loop is alive. */
  onPoll?: () => void;
}

export interface QueueDepth {
  /** Waiting to be received. */
  visible: number;
  /** Received and not yet deleted (being processed, or held by a worker that died). */
  inFlight: number;
  /** Dead-lettered after too many receives. */
  dead: number;
}

/**
 * At-least-once work queue with SQS semantics, whatever the backend:
 * a received message is invisible to other consumers for the visibility timeout
 * (extended by a heartbeat while its handler runs), deleted only when the handler
 * resolves, visible again when the handler throws or the worker dies, and
 * dead-lettered once it has been received `maxReceives` times.
 */
export interface JobQueue<T = ProcessVideoJob> {
  publish(body: T): Promise<void>;
  /** Polls until `options.signal` aborts; the handler may receive a message more than once. */
  consume(handler: (message: ReceivedMessage<T>) => Promise<void>, options: ConsumeOptions): Promise<void>;
  depth(): Promise<QueueDepth>;
  /** Rejects when the queue cannot be reached (readiness). */
  ping(): Promise<void>;
}
