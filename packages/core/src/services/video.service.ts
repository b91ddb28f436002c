import { NotVideoOwnerError, VideoNotDeletableError, VideoNotFoundError } from '../domain/errors.ts';
import { isId, newId } from '../domain/ids.ts';
import { assertAcceptableVideo, type VideoRules } from '../domain/upload-rules.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import { objectKeys, type ObjectStore } from '../ports/object-store.ts';
import type { RankingRepository } from '../ports/ranking-repository.ts';
import type { VideoInspector } from '../ports/video-inspector.ts';
import type { DeleteOutcome, OwnVideo, VideoDetail, VideoRepository } from '../ports/video-repository.ts';

export interface VideoServiceDeps {
  videos: VideoRepository;
  store: ObjectStore;
  queue: JobQueue;
  inspector: VideoInspector;
  rules: VideoRules;
  signedUrlTtlSeconds: number;
  /** Where the player stands in their city, shown beside their published videos. */
  rankings: Pick<RankingRepository, 'cityPositionOf'>;
}

export interface OwnVideoView extends OwnVideo {
  processedUrl: string | null;
  posterUrl: string | null;
  /** The player's position in their city's ranking, on a published video; null otherwise. */
  cityPosition: number | null;
}

export interface VideoDetailView extends VideoDetail {
  originalUrl: string;
  processedUrl: string | null;
}

/** The player's own videos: upload, list, inspect, withdraw. */
export class VideoService {
  readonly #deps: VideoServiceDeps;

  constructor(deps: VideoServiceDeps) {
    this.#deps = deps;
  }

  /**
   * Checks the file, stores it as the original, records the video and enqueues its processing.
   * Any failure undoes the earlier steps, so a rejected upload leaves no row, object or message.
   */
  async upload(ownerId: string, title: string, filePath: string): Promise<string> {
    const { videos, store, queue, inspector, rules } = this.#deps;
    assertAcceptableVideo(await inspector.inspect(filePath), rules);
    const id = newId();
    const originalKey = objectKeys.original(id);
    await store.putFile(originalKey, filePath, 'video/mp4');
    try {
      await videos.insert({ id, ownerId, title, originalKey });
      try {
        await queue.publish({ videoId: id });
      } catch (error) {
        await videos.remove(id);
        throw error;
      }
    } catch (error) {
      await store.delete([originalKey]);
      throw error;
    }
    return id;
  }

  async listMine(ownerId: string): Promise<OwnVideoView[]> {
    const [own, position] = await Promise.all([
      this.#deps.videos.listByOwner(ownerId),
      this.#deps.rankings.cityPositionOf(ownerId),
    ]);
    return Promise.all(
      own.map(async (video) => ({
        ...video,
        processedUrl: await this.#url(video.processedKey),
        posterUrl: await this.#url(video.posterKey),
        cityPosition: video.status === 'processed' ? position : null,
      })),
    );
  }

  async getMine(ownerId: string, videoId: string): Promise<VideoDetailView> {
    const video = isId(videoId) ? await this.#deps.videos.findDetail(videoId) : undefined;
    if (!video) throw new VideoNotFoundError('view');
    if (video.ownerId !== ownerId) throw new NotVideoOwnerError('view');
    const [originalUrl, processedUrl] = await Promise.all([
      this.#url(video.originalKey),
      this.#url(video.processedKey),
    ]);
    return { ...video, originalUrl: originalUrl ?? '', processedUrl };
  }

  async deleteMine(ownerId: string, videoId: string): Promise<void> {
    const outcome: DeleteOutcome = isId(videoId)
      ? await this.#deps.videos.deleteUnpublished(videoId, ownerId)
      : 'missing';
    switch (outcome) {
      case 'missing':
        throw new VideoNotFoundError('delete');
      case 'not_owner':
        throw new NotVideoOwnerError('delete');
      case 'published':
        throw new VideoNotDeletableError('video already published');
      case 'deleted':
        // Every key the video may have, even those a worker is writing right now.
        await this.#deps.store.delete([
          objectKeys.original(videoId),
          objectKeys.processed(videoId),
          objectKeys.poster(videoId),
        ]);
    }
  }

  #url(key: string | null): Promise<string | null> {
    return key ? this.#deps.store.signedUrl(key, this.#deps.signedUrlTtlSeconds) : Promise.resolve(null);
  }
}
