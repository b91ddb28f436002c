export interface TaskProtectionLog {
  error(fields: object, message: string): void;
}

export interface TaskProtectionOptions {
  /** `$ECS_AGENT_URI`; undefined outside ECS, where protection is a no-op. */
  agentUri: string | undefined;
  /** How long one grant lasts if the worker dies holding it. ECS allows 1 to 2880 minutes. */
  expiresInMinutes: number;
  log: TaskProtectionLog;
  fetch?: typeof fetch;
}

/**
 * Holds ECS task scale-in protection while at least one job runs, and releases it when the last one ends,
 * so a scale-in or a deployment does not stop a task in the middle of an encode. Calls go one at a time,
 * in order, and each sends the state wanted when it runs. A failed call is logged, never thrown: losing
 * protection only risks a redelivered job.
 */
export class EcsTaskProtection {
  readonly #options: TaskProtectionOptions;
  readonly #fetch: typeof fetch;
  #running = 0;
  #chain: Promise<void> = Promise.resolve();

  constructor(options: TaskProtectionOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? fetch;
  }

  /** Every start renews the grant, so a busy task stays protected for a full window after its newest job. */
  jobStarted(): Promise<void> {
    this.#running += 1;
    return this.#enqueue();
  }

  jobEnded(): Promise<void> {
    this.#running = Math.max(0, this.#running - 1);
    return this.#running === 0 ? this.#enqueue() : this.#chain;
  }

  /** Settles once every requested change has been sent. */
  settled(): Promise<void> {
    return this.#chain;
  }

  #enqueue(): Promise<void> {
    if (!this.#options.agentUri) return this.#chain;
    this.#chain = this.#chain.then(() => this.#send(this.#running > 0));
    return this.#chain;
  }

  async #send(protect: boolean): Promise<void> {
    const body = protect
      ? { ProtectionEnabled: true, ExpiresInMinutes: this.#options.expiresInMinutes }
      : { ProtectionEnabled: false };
    try {
      const response = await this.#fetch(`${this.#options.agentUri}/task-protection/v1/state`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5_000),
      });
      const answer = (await response.json().catch(() => ({}))) as { failure?: unknown; error?: unknown };
      if (!response.ok || answer.failure || answer.error) {
        this.#options.log.error(
          { status: response.status, answer, protect },
          'ECS task scale-in protection was not changed',
        );
      }
    } catch (error) {
      this.#options.log.error({ err: error, protect }, 'ECS agent unreachable; task scale-in protection unchanged');
    }
  }
}
