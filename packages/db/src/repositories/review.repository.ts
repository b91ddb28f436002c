import { sql, type Kysely } from 'kysely';
import {
  reportReasons,
  type AuditAction,
  type RecordedAuditEntry,
  type ReportedVideo,
  type ReportReason,
  type ResultRow,
  type ReviewedAccount,
  type ReviewedVideo,
  type ReviewedVideoQuery,
  type ReviewRepository,
  type VoteProfile,
} from '@anb/core';
import type { Database } from '../database.ts';
import { votesOf } from './video.repository.ts';

/** How many of a video's latest reports the queue shows with their details. */
const REPORTS_SHOWN = 20;

export class PostgresReviewRepository implements ReviewRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async videos(query: ReviewedVideoQuery): Promise<{ items: ReviewedVideo[]; total: number }> {
    const matching = this.#db
      .selectFrom('videos as v')
      .innerJoin('users as u', 'u.id', 'v.owner_id')
      .$if(query.status !== undefined, (q) => q.where('v.status', '=', query.status!))
      .$if(query.cityKey !== undefined, (q) => q.where('u.city_key', '=', query.cityKey!))
      .$if(query.playerId !== undefined, (q) => q.where('v.owner_id', '=', query.playerId!));
    const [rows, count] = await Promise.all([
      matching
        .select([
          'v.id',
          'v.title',
          'v.status',
          'u.id as ownerId',
          sql<string>`u.first_name || ' ' || u.last_name`.as('ownerName'),
          'u.email as ownerEmail',
          'u.city as ownerCity',
          'v.uploaded_at as uploadedAt',
          'v.processed_at as processedAt',
          'v.processed_key as processedKey',
          'v.poster_key as posterKey',
          votesOf('v').as('votes'),
          sql<number>`(select count(*)::int from video_reports r where r.video_id = v.id and r.handled_at is null)`.as(
            'openReports',
          ),
          sql<number>`(select count(*)::int from video_reports r where r.video_id = v.id)`.as('totalReports'),
          'v.hidden_reason as hiddenReason',
          'v.hidden_at as hiddenAt',
        ])
        .orderBy('v.uploaded_at', 'desc')
        .orderBy('v.id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      matching.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    ]);
    const items = rows.map(({ ownerId, ownerName, ownerEmail, ownerCity, ...video }) => ({
      ...video,
      owner: { userId: ownerId, name: ownerName, email: ownerEmail, city: ownerCity },
    }));
    return { items, total: Number(count.total) };
  }

  async reportQueue(): Promise<ReportedVideo[]> {
    const { rows } = await sql<{
      id: string;
      title: string;
      status: ReviewedVideo['status'];
      owner_id: string;
      owner_name: string;
      owner_email: string;
      owner_city: string;
      processed_key: string | null;
      poster_key: string | null;
      open_reports: number;
      by_reason: Partial<Record<ReportReason, number>>;
      last_reported_at: Date;
      reports: { reason: ReportReason; details: string | null; reported_at: string }[];
    }>`
      select v.id, v.title, v.status, u.id as owner_id, u.first_name || ' ' || u.last_name as owner_name,
        u.email as owner_email, u.city as owner_city, v.processed_key, v.poster_key,
        open.reports as open_reports, open.by_reason, open.last_reported_at, latest.reports
      from (
        select video_id, count(*)::int as reports, max(created_at) as last_reported_at,
          (select jsonb_object_agg(reason, n) from (
            select reason, count(*)::int as n from video_reports r2
            where r2.video_id = r.video_id and r2.handled_at is null group by reason
          ) per_reason) as by_reason
        from video_reports r where handled_at is null group by video_id
      ) open
      join videos v on v.id = open.video_id
      join users u on u.id = v.owner_id
      cross join lateral (
        select coalesce(jsonb_agg(jsonb_build_object('reason', reason, 'details', details, 'reported_at', created_at)
          order by created_at desc), '[]') as reports
        from (
          select reason, details, created_at from video_reports r3
          where r3.video_id = v.id and r3.handled_at is null order by created_at desc limit ${REPORTS_SHOWN}
        ) shown
      ) latest
      order by open.reports desc, open.last_reported_at desc, v.id
    `.execute(this.#db);
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status,
      owner: { userId: row.owner_id, name: row.owner_name, email: row.owner_email, city: row.owner_city },
      processedKey: row.processed_key,
      posterKey: row.poster_key,
      openReports: row.open_reports,
      byReason: Object.fromEntries(reportReasons.map((reason) => [reason, row.by_reason[reason] ?? 0])) as Record<
        ReportReason,
        number
      >,
      lastReportedAt: row.last_reported_at,
      reports: row.reports.map((report) => ({
        reason: report.reason,
        details: report.details,
        reportedAt: new Date(report.reported_at),
      })),
    }));
  }

  async voteProfile(videoId: string): Promise<VoteProfile | undefined> {
    const video = await this.#db.selectFrom('videos').select('title').where('id', '=', videoId).executeTakeFirst();
    if (!video) return undefined;
    const voters = this.#db
      .selectFrom('votes')
      .innerJoin('users as voter', 'voter.id', 'votes.user_id')
      .where('votes.video_id', '=', videoId);
    const [totals, perHour, networks] = await Promise.all([
      voters
        .select([
          sql<number>`count(*)::int`.as('total'),
          sql<number>`count(*) filter (where not voter.votes_voided)::int`.as('counted'),
          sql<number>`count(*) filter (where voter.email_verified_at is not null)::int`.as('verified'),
          sql<number>`count(*) filter (where votes.created_at - voter.created_at < interval '24 hours')::int`.as(
            'fromNew',
          ),
        ])
        .executeTakeFirstOrThrow(),
      voters
        .select([sql<Date>`date_trunc('hour', votes.created_at)`.as('hour'), sql<number>`count(*)::int`.as('votes')])
        .groupBy(sql`date_trunc('hour', votes.created_at)`)
        .orderBy('hour')
        .execute(),
      voters
        .where('voter.signup_network', 'is not', null)
        .select([sql<string>`voter.signup_network::text`.as('network'), sql<number>`count(*)::int`.as('votes')])
        .groupBy('voter.signup_network')
        .orderBy('votes', 'desc')
        .orderBy('network')
        .execute(),
    ]);
    return {
      videoId,
      title: video.title,
      total: totals.total,
      counted: totals.counted,
      voided: totals.total - totals.counted,
      fromVerifiedAccounts: totals.verified,
      fromNewAccounts: totals.fromNew,
      perHour,
      signupNetworks: networks,
    };
  }

  accountsByEmail(email: string, emailNormalised: string): Promise<ReviewedAccount[]> {
    return this.#accounts()
      .where((eb) => eb.or([eb('email', '=', email), eb('email_normalised', '=', emailNormalised)]))
      .orderBy('created_at')
      .execute();
  }

  account(id: string): Promise<ReviewedAccount | undefined> {
    return this.#accounts().where('id', '=', id).executeTakeFirst();
  }

  async results(): Promise<ResultRow[]> {
    // Each ranked player with their most voted visible video (ties: the first published).
    const { rows } = await sql<ResultRow>`
      select u.id as "userId", u.first_name || ' ' || u.last_name as player, u.email, u.city,
        u.votes_received as votes, best.id as "videoId", best.title as "videoTitle"
      from users u
      cross join lateral (
        select v.id, v.title from videos v
        where v.owner_id = u.id and v.status = 'processed'
        order by ${votesOf('v')} desc, v.processed_at, v.id limit 1
      ) best
      where u.votes_received > 0
      order by u.city_key, u.votes_received desc, u.id
    `.execute(this.#db);
    return rows;
  }

  async audit(page: { limit: number; offset: number }): Promise<{ items: RecordedAuditEntry[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.#db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      this.#db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<string>().as('total'))
        .executeTakeFirstOrThrow(),
    ]);
    const items = rows.map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor_id ? { userId: row.actor_id, email: row.actor_email ?? '' } : { userId: null, email: null },
      action: row.action as AuditAction,
      targetType: row.target_type,
      targetId: row.target_id,
      reason: row.reason,
      details: row.details,
    }));
    return { items, total: Number(count.total) };
  }

  #accounts() {
    return this.#db
      .selectFrom('users')
      .select([
        'id',
        'first_name as firstName',
        'last_name as lastName',
        'email',
        'city',
        'country',
        'role',
        'created_at as createdAt',
        'suspended_at as suspendedAt',
        'suspension_reason as suspensionReason',
        'votes_voided as votesVoided',
      ])
      .select(sql<boolean>`email_verified_at is not null`.as('emailVerified'));
  }
}
