import { sql, type Kysely } from 'kysely';
import type { Database } from '@anb/db';

/** Channel notified (payload: the queue name) whenever a message becomes visible at once. */
export const MESSAGE_VISIBLE_CHANNEL = 'queue_message_visible';

export interface ReceivedRow {
  id: string;
  body: unknown;
  receive_count: number;
}

export interface ReceiveResult {
  rows: ReceivedRow[];
  /** Messages found over `maxReceives` and dead-lettered instead of delivered. */
  deadLettered: number;
}

/** The SQL of the PostgreSQL queue, one statement per operation so each is atomic on its own. */
export class PostgresQueueTable {
  #db: Kysely<Database>;
  #queue: string;

  constructor(db: Kysely<Database>, queue: string) {
    this.#db = db;
    this.#queue = queue;
  }

  async insert(body: unknown): Promise<void> {
    // The notification is sent at commit, so a woken consumer always finds the row.
    await sql`
      insert into queue_messages (queue, body) values (${this.#queue}, ${JSON.stringify(body)})
      returning pg_notify(${MESSAGE_VISIBLE_CHANNEL}, queue)
    `.execute(this.#db);
  }

  /** Leases up to `max` visible messages; those already received `maxReceives` times are dead-lettered instead. */
  async receive(max: number, visibilitySeconds: number, maxReceives: number): Promise<ReceiveResult> {
    const { rows } = await sql<ReceivedRow & { dead: boolean }>`
      with candidates as (
        select id, receive_count from queue_messages
        where queue = ${this.#queue} and dead_at is null and visible_at <= now()
        order by visible_at, id
        limit ${max}
        for update skip locked
      ), dead_lettered as (
        update queue_messages m set dead_at = now()
        from candidates c
        where m.id = c.id and c.receive_count >= ${maxReceives}
        returning m.id
      ), received as (
        update queue_messages m
        set visible_at = now() + make_interval(secs => ${visibilitySeconds}), receive_count = m.receive_count + 1
        from candidates c
        where m.id = c.id and c.receive_count < ${maxReceives}
        returning m.id, m.body, m.receive_count
      )
      select id::text, body, receive_count, false as dead from received
      union all
      select id::text, null, 0, true from dead_lettered
    `.execute(this.#db);
    return {
      rows: rows.filter((row) => !row.dead).sort((a, b) => Number(a.id) - Number(b.id)),
      deadLettered: rows.filter((row) => row.dead).length,
    };
  }

  /**
   * Sets when a leased message becomes visible again. The receive count is the lease token:
   * once another consumer received the message, an older holder can no longer touch it.
   * Returns false when the lease was lost.
   */
  async setVisibility(id: string, receiveCount: number, visibleInSeconds: number): Promise<boolean> {
    // Visible at once: wake idle consumers rather than leave them to their poll interval.
    const wake = visibleInSeconds <= 0 ? sql`, pg_notify(${MESSAGE_VISIBLE_CHANNEL}, queue)` : sql``;
    const { rows } = await sql`
      update queue_messages set visible_at = now() + make_interval(secs => ${visibleInSeconds})
      where id = ${id} and receive_count = ${receiveCount} and dead_at is null
      returning id${wake}
    `.execute(this.#db);
    return rows.length > 0;
  }

  async delete(id: string, receiveCount: number): Promise<boolean> {
    const result = await this.#db
      .deleteFrom('queue_messages')
      .where('id', '=', id)
      .where('receive_count', '=', receiveCount)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async depth(): Promise<{ visible: number; inFlight: number; dead: number }> {
    const { rows } = await sql<{ visible: number; in_flight: number; dead: number }>`
      select
        count(*) filter (where dead_at is null and visible_at <= now())::int as visible,
        count(*) filter (where dead_at is null and visible_at > now())::int as in_flight,
        count(*) filter (where dead_at is not null)::int as dead
      from queue_messages where queue = ${this.#queue}
    `.execute(this.#db);
    const row = rows[0] ?? { visible: 0, in_flight: 0, dead: 0 };
    return { visible: row.visible, inFlight: row.in_flight, dead: row.dead };
  }

  async deadLetters(limit: number): Promise<Array<{ id: string; body: unknown; receiveCount: number; deadAt: Date }>> {
    const rows = await this.#db
      .selectFrom('queue_messages')
      .select(['id', 'body', 'receive_count', 'dead_at'])
      .where('queue', '=', this.#queue)
      .where('dead_at', 'is not', null)
      .orderBy('dead_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: String(row.id),
      body: row.body,
      receiveCount: row.receive_count,
      deadAt: row.dead_at as Date,
    }));
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.#db);
  }
}
