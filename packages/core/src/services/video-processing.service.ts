import path from 'node:path';
import { uploadTexts } from '../domain/upload-texts.ts';
import { objectKeys, ObjectNotFoundError, type ObjectStore } from '../ports/object-store.ts';
import type { ProcessingRepository } from '../ports/processing-repository.ts';
import type { ScratchSpace, ShowcaseRenderer } from '../ports/showcase-renderer.ts';
import { ProgressThrottle } from './progress-throttle.ts';

export interface VideoProcessingDeps {
  videos: ProcessingRepository;
  store: ObjectStore;
  renderer: ShowcaseRenderer;
  scratch: ScratchSpace;
  /** Milliseconds, for the progress throttle; `Date.now` when omitted. */
  now?: () => number;
}

/** The encoder reports several times a second; the database hears of it at most once a second per job. */
export const PROGRESS_INTERVAL_MS = 1_000;

export interface ProcessingJob {
  videoId: string;
  /** Deliveries of this message so far, the current one included. */
  receiveCount: number;
  /** Deliveries after which the queue dead-letters the message. */
  maxReceives: number;
  signal: AbortSignal;
}

export type ProcessingResult = 'published' | 'published_by_another_run' | 'rejected' | 'skipped' | 'gone_meanwhile';

/**
 * One processing job: claim the video, render its showcase clip, store it and publish it.
 * Expected failures mark the video failed and return (the message is acknowledged); anything
 * else is thrown so the queue redelivers, and on the last delivery the video is marked failed
 * first, since the message is about to be dead-lettered.
 */
export class VideoProcessingService {
  readonly #deps: VideoProcessingDeps;

  constructor(deps: VideoProcessingDeps) {
    this.#deps = deps;
  }

  async process(job: ProcessingJob): Promise<ProcessingResult> {
    const { videos } = this.#deps;
    const claim = await videos.claimForProcessing(job.videoId);
    if (claim.kind === 'nothing_to_do') return 'skipped';
    try {
      return await this.#render(job, claim.originalKey);
    } catch (error) {
      if (job.receiveCount >= job.maxReceives) await videos.markFailed(job.videoId, uploadTexts.gaveUp());
      throw error;
    }
  }

  async #render(job: ProcessingJob, originalKey: string): Promise<ProcessingResult> {
    const { videos, store, renderer, scratch } = this.#deps;
    const workspace = await scratch.create();
    try {
      const original = path.join(workspace.dir, 'original.mp4');
      try {
        await store.getToFile(originalKey, original);
      } catch (error) {
        if (!(error instanceof ObjectNotFoundError)) throw error;
        // Usually the owner deleted the video after our claim (then this update finds no row).
        await videos.markFailed(job.videoId, uploadTexts.originalGone());
        return 'rejected';
      }
      const progress = new ProgressThrottle(
        (percent) => videos.recordProgress(job.videoId, percent),
        PROGRESS_INTERVAL_MS,
        this.#deps.now ?? Date.now,
      );
      const outcome = await renderer
        .render(original, workspace.dir, job.signal, (ratio) => progress.report(ratio))
        .finally(() => progress.settled());
      if (outcome.kind === 'rejected') {
        await videos.markFailed(job.videoId, outcome.reason);
        return 'rejected';
      }
      const outputs = { processedKey: objectKeys.processed(job.videoId), posterKey: objectKeys.poster(job.videoId) };
      await store.putFile(outputs.processedKey, outcome.videoPath, 'video/mp4');
      await store.putFile(outputs.posterKey, outcome.posterPath, 'image/jpeg');
      const published = await videos.markProcessed(job.videoId, outputs);
      // Another run's files under these very keys are the published video: they stay.
      if (published !== 'gone') return published;
      // Deleted or failed while we rendered: the owner's delete may have run before our uploads.
      await store.delete([outputs.processedKey, outputs.posterKey]);
      return 'gone_meanwhile';
    } finally {
      await workspace.dispose();
    }
  }
}
