import { cityKey } from '../domain/city.ts';
import { normalisedEmail } from '../domain/email-address.ts';
import { PublicVideoNotFoundError } from '../domain/errors.ts';
import { isId } from '../domain/ids.ts';
import { assignPositions } from '../domain/ranking.ts';
import type { VideoStatus } from '../domain/video.ts';
import type { RecordedAuditEntry } from '../domain/audit.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import type {
  ReportedVideo,
  ResultRow,
  ReviewedAccount,
  ReviewedVideo,
  ReviewRepository,
  VoteProfile,
} from '../ports/review-repository.ts';
import type { ContestService } from './contest.service.ts';

/** A stored video's files as links a browser can play for a while. */
export interface MediaLinks {
  processedUrl: string | null;
  posterUrl: string | null;
}

export interface RankedResult extends ResultRow {
  position: number;
}

export interface ContestResults {
  /** Provisional until voting closes, final after. */
  status: 'provisional' | 'final';
  generatedAt: Date;
  cities: { city: string; players: RankedResult[] }[];
}

export interface ReviewServiceDeps {
  reviews: ReviewRepository;
  contest: ContestService;
  store: ObjectStore;
  signedUrlTtlSeconds: number;
  now?: () => Date;
}

/** What organisers look at before acting: every video, the reports, vote profiles, accounts, results, the audit log. */
export class ReviewService {
  readonly #deps: ReviewServiceDeps;

  constructor(deps: ReviewServiceDeps) {
    this.#deps = deps;
  }

  async videos(query: {
    status?: VideoStatus | undefined;
    city?: string | undefined;
    playerId?: string | undefined;
    limit: number;
    offset: number;
  }): Promise<{ items: (ReviewedVideo & MediaLinks)[]; total: number }> {
    const { items, total } = await this.#deps.reviews.videos({
      status: query.status,
      cityKey: query.city === undefined ? undefined : cityKey(query.city),
      playerId: query.playerId,
      limit: query.limit,
      offset: query.offset,
    });
    return { items: await Promise.all(items.map((video) => this.#withLinks(video))), total };
  }

  async reportQueue(): Promise<(ReportedVideo & MediaLinks)[]> {
    const queue = await this.#deps.reviews.reportQueue();
    return Promise.all(queue.map((video) => this.#withLinks(video)));
  }

  async voteProfile(videoId: string): Promise<VoteProfile> {
    const profile = isId(videoId) ? await this.#deps.reviews.voteProfile(videoId) : undefined;
    if (!profile) throw new PublicVideoNotFoundError('no such video');
    return profile;
  }

  accountsByEmail(email: string): Promise<ReviewedAccount[]> {
    const typed = email.trim().toLowerCase();
    return this.#deps.reviews.accountsByEmail(typed, normalisedEmail(typed));
  }

  async results(): Promise<ContestResults> {
    const [rows, contest] = await Promise.all([this.#deps.reviews.results(), this.#deps.contest.current()]);
    const byCity = new Map<string, ResultRow[]>();
    for (const row of rows) {
      const key = cityKey(row.city);
      const city = byCity.get(key);
      if (city) city.push(row);
      else byCity.set(key, [row]);
    }
    const cities = [...byCity.values()].map((players) => ({
      city: players[0]!.city,
      players: assignPositions(players, 0, 0),
    }));
    return {
      status: contest.phase === 'closed' ? 'final' : 'provisional',
      generatedAt: (this.#deps.now ?? (() => new Date()))(),
      cities,
    };
  }

  audit(page: { limit: number; offset: number }): Promise<{ items: RecordedAuditEntry[]; total: number }> {
    return this.#deps.reviews.audit(page);
  }

  async #withLinks<V extends { processedKey: string | null; posterKey: string | null }>(
    video: V,
  ): Promise<V & MediaLinks> {
    const { store, signedUrlTtlSeconds } = this.#deps;
    const link = (key: string | null) => (key ? store.signedUrl(key, signedUrlTtlSeconds) : Promise.resolve(null));
    const [processedUrl, posterUrl] = await Promise.all([link(video.processedKey), link(video.posterKey)]);
    return { ...video, processedUrl, posterUrl };
  }
}
