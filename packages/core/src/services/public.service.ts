import { cityKey } from '../domain/city.ts';
import type { VoteRefusalCode } from '../domain/account-security-texts.ts';
import {
  DuplicateVoteError,
  OwnVideoVoteError,
  PublicVideoNotFoundError,
  VoteNotAllowedError,
} from '../domain/errors.ts';
import { isId } from '../domain/ids.ts';
import { assignPositions, type RankedPlayer } from '../domain/ranking.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import type { RankingRepository } from '../ports/ranking-repository.ts';
import type { PublishedVideo, VideoRepository } from '../ports/video-repository.ts';
import type { VoteRepository } from '../ports/vote-repository.ts';
import { SingleFlight } from './single-flight.ts';

export interface PublicServiceDeps {
  videos: VideoRepository;
  votes: VoteRepository;
  rankings: RankingRepository;
  store: ObjectStore;
  signedUrlTtlSeconds: number;
  /** Who may vote at all (AccountService): asked before anything else about a vote. */
  voters: { voteRefusal(playerId: string): Promise<VoteRefusalCode | null> };
  /** The refusal of a vote past the contest's deadline (ContestService); the vote itself checks the date. */
  calendar: { votingClosed(): Promise<Error> };
}

export interface PublishedVideoView extends PublishedVideo {
  processedUrl: string;
  posterUrl: string | null;
}

export interface PublishedVideoListing {
  city?: string | undefined;
  sort: 'votes' | 'recent';
  limit: number;
  offset: number;
  viewerId?: string | undefined;
}

/** What anyone can see and do: browse published videos, vote, follow the rankings. */
export class PublicService {
  readonly #deps: PublicServiceDeps;
  // Hundreds of readers ask for the same first page at once: one database read serves them all.
  readonly #listings = new SingleFlight<{ items: PublishedVideoView[]; total: number }>();
  readonly #rankings = new SingleFlight<RankedPlayer[]>();

  constructor(deps: PublicServiceDeps) {
    this.#deps = deps;
  }

  async listPublished(listing: PublishedVideoListing): Promise<{ items: PublishedVideoView[]; total: number }> {
    // `voted_by_me` is per viewer: only anonymous listings are shared.
    if (listing.viewerId !== undefined) return this.#listPublished(listing);
    const key = JSON.stringify([
      listing.city === undefined ? null : cityKey(listing.city),
      listing.sort,
      listing.limit,
      listing.offset,
    ]);
    return this.#listings.run(key, () => this.#listPublished(listing));
  }

  async #listPublished(listing: PublishedVideoListing): Promise<{ items: PublishedVideoView[]; total: number }> {
    const { items, total } = await this.#deps.videos.listPublished({
      cityKey: listing.city === undefined ? undefined : cityKey(listing.city),
      sort: listing.sort,
      limit: listing.limit,
      offset: listing.offset,
      viewerId: listing.viewerId,
    });
    const { store, signedUrlTtlSeconds } = this.#deps;
    const views = await Promise.all(
      items.map(async (video) => ({
        ...video,
        processedUrl: await store.signedUrl(video.processedKey, signedUrlTtlSeconds),
        posterUrl: video.posterKey ? await store.signedUrl(video.posterKey, signedUrlTtlSeconds) : null,
      })),
    );
    return { items: views, total };
  }

  async vote(videoId: string, voterId: string): Promise<void> {
    const refusal = await this.#deps.voters.voteRefusal(voterId);
    if (refusal) throw new VoteNotAllowedError(refusal);
    const outcome = isId(videoId) ? await this.#deps.votes.castVote(videoId, voterId) : 'not_found';
    if (outcome === 'voting_closed') throw await this.#deps.calendar.votingClosed();
    if (outcome === 'not_found') throw new PublicVideoNotFoundError('video not found or not published');
    if (outcome === 'own_video') throw new OwnVideoVoteError('players cannot vote for their own videos');
    if (outcome === 'duplicate') throw new DuplicateVoteError('already voted for this video');
  }

  async rankings(query: { city?: string | undefined; limit: number; offset: number }): Promise<RankedPlayer[]> {
    const key = query.city === undefined ? undefined : cityKey(query.city);
    return this.#rankings.run(JSON.stringify([key ?? null, query.limit, query.offset]), async () => {
      const { players, playersAheadOfPage } = await this.#deps.rankings.rankingPage({
        cityKey: key,
        limit: query.limit,
        offset: query.offset,
      });
      return assignPositions(players, playersAheadOfPage, query.offset);
    });
  }
}
