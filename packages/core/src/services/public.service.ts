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
import type { CityDirectory, KnownCity } from '../ports/city-directory.ts';
import { ObjectNotFoundError, type ObjectStore } from '../ports/object-store.ts';
import type { PublishedMedia } from '../ports/published-media.ts';
import type { RankingRepository } from '../ports/ranking-repository.ts';
import type { PublishedVideo, VideoRepository } from '../ports/video-repository.ts';
import type { VoteRepository } from '../ports/vote-repository.ts';
import { SingleFlight } from './single-flight.ts';

export interface PublicServiceDeps {
  videos: VideoRepository;
  votes: VoteRepository;
  rankings: RankingRepository;
  cities: CityDirectory;
  /** Reads posters for link previews. */
  store: ObjectStore;
  /** The URLs published files are fetched at: signed links, or the CDN's. */
  media: PublishedMedia;
  /** Who may vote at all (AccountService): asked before anything else about a vote. */
  voters: { voteRefusal(voter: Voter): VoteRefusalCode | null };
  /** The refusal of a vote past the contest's deadline (ContestService); the vote itself checks the date. */
  calendar: { votingClosed(): Promise<Error> };
}

/** The signed-in account casting a vote. */
export interface Voter {
  id: string;
  email: string;
  emailVerified: boolean;
}

export interface PublishedVideoView extends PublishedVideo {
  processedUrl: string;
  posterUrl: string | null;
}

/** One published video on its own page: where its player stands, and what the viewer may do. */
export interface PublishedVideoPageView extends PublishedVideoView {
  /** The player's position in their city's ranking; null while none of their votes counts. */
  cityPosition: number | null;
  /** Only known when a viewer is. */
  ownedByViewer: boolean | undefined;
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
  // Anonymous readers of one shared page share one read. (The API shares its rankings and listing answers
  // itself, serialized: ADR 30.)
  readonly #pages = new SingleFlight<PublishedVideoPageView>();
  readonly #cities = new SingleFlight<KnownCity[]>();

  constructor(deps: PublicServiceDeps) {
    this.#deps = deps;
  }

  async listPublished(listing: PublishedVideoListing): Promise<{ items: PublishedVideoView[]; total: number }> {
    const { items, total } = await this.#deps.videos.listPublished({
      cityKey: listing.city === undefined ? undefined : cityKey(listing.city),
      sort: listing.sort,
      limit: listing.limit,
      offset: listing.offset,
      viewerId: listing.viewerId,
    });
    const views = await Promise.all(items.map(async (video) => ({ ...video, ...(await this.#mediaUrls(video)) })));
    return { items: views, total };
  }

  async #mediaUrls(video: { processedKey: string; posterKey: string | null }) {
    const { media } = this.#deps;
    const [processedUrl, posterUrl] = await Promise.all([
      media.urlOf(video.processedKey),
      video.posterKey ? media.urlOf(video.posterKey) : null,
    ]);
    return { processedUrl, posterUrl };
  }

  /** The video while it is published; an unknown, unpublished, hidden or deleted one is not found alike. */
  async findPublished(videoId: string, viewerId: string | undefined): Promise<PublishedVideoPageView> {
    const read = async () => {
      const video = isId(videoId) ? await this.#deps.videos.findPublished(videoId, viewerId) : undefined;
      if (!video) throw new PublicVideoNotFoundError('video not found or not published');
      const [urls, cityPosition] = await Promise.all([
        this.#mediaUrls(video),
        this.#deps.rankings.cityPositionOf(video.ownerId),
      ]);
      const ownedByViewer = viewerId === undefined ? undefined : video.ownerId === viewerId;
      return { ...video, ...urls, cityPosition, ownedByViewer };
    };
    // A shared link is opened by many at once: anonymous readers share one read.
    return viewerId === undefined ? this.#pages.run(videoId, read) : read();
  }

  /** Cities people already come from, to suggest as they type one (`Bogotá`, not `bogota`). */
  knownCities(limit: number): Promise<KnownCity[]> {
    return this.#cities.run(String(limit), () => this.#deps.cities.knownCities(limit));
  }

  /** The poster's bytes while the video is published: a link preview's image that never expires. */
  async openPoster(videoId: string): Promise<AsyncIterable<Uint8Array>> {
    const video = await this.findPublished(videoId, undefined);
    if (!video.posterKey) throw new PublicVideoNotFoundError('video has no poster');
    return this.#deps.store.read(video.posterKey).catch((error: unknown) => {
      // A row that names a poster the store lost: nothing to show, as for a video without one.
      if (error instanceof ObjectNotFoundError) throw new PublicVideoNotFoundError('poster missing from the store');
      throw error;
    });
  }

  /** `voter` as the request's token check read it a moment ago: a vote reads the account once. */
  async vote(videoId: string, voter: Voter): Promise<void> {
    const refusal = this.#deps.voters.voteRefusal(voter);
    if (refusal) throw new VoteNotAllowedError(refusal);
    const outcome = isId(videoId) ? await this.#deps.votes.castVote(videoId, voter.id) : 'not_found';
    if (outcome === 'voting_closed') throw await this.#deps.calendar.votingClosed();
    if (outcome === 'not_found') throw new PublicVideoNotFoundError('video not found or not published');
    if (outcome === 'own_video') throw new OwnVideoVoteError('players cannot vote for their own videos');
    if (outcome === 'duplicate') throw new DuplicateVoteError('already voted for this video');
  }

  async rankings(query: {
    city?: string | undefined;
    limit: number;
    offset: number;
    /** Whether each row names the player's most voted video. */
    withTopVideo?: boolean;
  }): Promise<RankedPlayer[]> {
    const key = query.city === undefined ? undefined : cityKey(query.city);
    const withTopVideo = query.withTopVideo ?? false;
    const { players, playersAheadOfPage } = await this.#deps.rankings.rankingPage({
      cityKey: key,
      limit: query.limit,
      offset: query.offset,
      withTopVideo,
    });
    return assignPositions(players, playersAheadOfPage, query.offset);
  }
}
