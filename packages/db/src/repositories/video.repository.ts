import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type {
  DeleteOutcome,
  OwnVideo,
  PublishedVideo,
  PublishedVideoPage,
  PublishedVideoQuery,
  VideoDetail,
  VideoRepository,
} from '@anb/core';
import type { Database } from '../database.ts';

/**
 * A video's votes as its readers must see them: the tallied counter plus the votes answered since the last
 * tally, so a voter sees their vote counted at once (the tally runs every few hundred ms; see ADR 26).
 * A voided voter's queued vote is left out, as the tally will leave it out (ADR 28).
 */
export const votesOf = (video: string) =>
  sql<number>`${sql.ref(`${video}.votes`)} + (select count(*)::int from uncounted_votes join users voter on voter.id = uncounted_votes.voter_id where uncounted_votes.video_id = ${sql.ref(`${video}.id`)} and not voter.votes_voided)`;

export class PostgresVideoRepository implements VideoRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(video: { id: string; ownerId: string; title: string; originalKey: string }): Promise<void> {
    await this.#db
      .insertInto('videos')
      .values({ id: video.id, owner_id: video.ownerId, title: video.title, original_key: video.originalKey })
      .execute();
  }

  listByOwner(ownerId: string): Promise<OwnVideo[]> {
    return this.#db
      .selectFrom('videos')
      .select([
        'id',
        'title',
        'status',
        'uploaded_at as uploadedAt',
        'processed_at as processedAt',
        'processed_key as processedKey',
        'poster_key as posterKey',
        'failure_reason as failureReason',
        'progress',
        'hidden_reason as hiddenReason',
        votesOf('videos').as('votes'),
      ])
      .where('owner_id', '=', ownerId)
      .orderBy('uploaded_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  findDetail(id: string): Promise<VideoDetail | undefined> {
    return this.#db
      .selectFrom('videos')
      .select([
        'id',
        'owner_id as ownerId',
        'title',
        'status',
        'uploaded_at as uploadedAt',
        'processed_at as processedAt',
        'original_key as originalKey',
        'processed_key as processedKey',
        'poster_key as posterKey',
        'failure_reason as failureReason',
        'progress',
        'hidden_reason as hiddenReason',
        votesOf('videos').as('votes'),
      ])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async deleteUnpublished(id: string, ownerId: string): Promise<DeleteOutcome> {
    const deleted = await this.#db
      .deleteFrom('videos')
      .where('id', '=', id)
      .where('owner_id', '=', ownerId)
      .where('status', 'not in', ['processed', 'hidden'])
      .returning('id')
      .executeTakeFirst();
    if (deleted) return 'deleted';
    const existing = await this.#db.selectFrom('videos').select(['owner_id']).where('id', '=', id).executeTakeFirst();
    if (!existing) return 'missing';
    return existing.owner_id === ownerId ? 'published' : 'not_owner';
  }

  async remove(id: string): Promise<void> {
    await this.#db.deleteFrom('videos').where('id', '=', id).execute();
  }

  async findPublished(id: string, viewerId: string | undefined): Promise<PublishedVideoPage | undefined> {
    const row = await this.#published(undefined)
      .select(publishedColumns)
      .select('v.owner_id as ownerId')
      .$if(viewerId !== undefined, (q) => q.select((eb) => votedBy(eb, viewerId as string)))
      .where('v.id', '=', id)
      .executeTakeFirst();
    return row && asPublished(row);
  }

  async listPublished(query: PublishedVideoQuery): Promise<{ items: PublishedVideo[]; total: number }> {
    const published = this.#published(query.cityKey);
    const page = published
      .select(publishedColumns)
      .$if(query.viewerId !== undefined, (q) => q.select((eb) => votedBy(eb, query.viewerId as string)))
      .$if(query.sort === 'votes', (q) => q.orderBy('v.votes', 'desc'))
      .orderBy('v.processed_at', 'desc')
      .orderBy('v.id', 'desc')
      .limit(query.limit)
      .offset(query.offset);

    const [rows, count] = await Promise.all([
      page.execute(),
      published.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(asPublished), total: Number(count.total) };
  }

  /** Published videos with their players, in one city when a city is given. */
  #published(cityKey: string | undefined) {
    return this.#db
      .selectFrom('videos as v')
      .innerJoin('users as u', 'u.id', 'v.owner_id')
      .where('v.status', '=', 'processed')
      .$if(cityKey !== undefined, (q) => q.where('u.city_key', '=', cityKey as string));
  }
}

const publishedColumns = [
  'v.id',
  'v.title',
  sql<string>`u.first_name || ' ' || u.last_name`.as('playerName'),
  'u.city',
  'u.country',
  'v.processed_key as processedKey',
  'v.poster_key as posterKey',
  votesOf('v').as('votes'),
  'v.uploaded_at as uploadedAt',
] as const;

/** Whether the viewer has voted for the video `v`. */
const votedBy = (eb: ExpressionBuilder<Database & { v: Database['videos'] }, 'v'>, viewerId: string) =>
  eb
    .exists(eb.selectFrom('votes').whereRef('votes.video_id', '=', 'v.id').where('votes.user_id', '=', viewerId))
    .as('votedByViewer');

function asPublished<Row extends { processedKey: string | null }>(
  row: Row,
): Omit<Row, 'votedByViewer'> & { processedKey: string; votedByViewer: boolean | undefined } {
  return {
    ...row,
    // Published videos always have their processed file.
    processedKey: row.processedKey as string,
    votedByViewer: 'votedByViewer' in row ? Boolean(row.votedByViewer) : undefined,
  };
}
