import path from 'node:path';
import type { RenderOutcome, RenderProgress, ShowcaseRenderer } from '@anb/core';
import {
  InvalidInputError,
  prepareShowcase,
  renderShowcase,
  type MediaTools,
  type ShowcaseProgress,
  type ShowcaseSettingsInput,
  type EncodeTurn,
  type ShowcaseStage,
} from '@anb/media';
import { currentStageClock, type JobStage } from '../job-stages.ts';
import { overallProgress } from './overall-progress.ts';

/** The render's steps as steps of the job (the clip pass is the job's encode). */
const jobStageOf: Record<ShowcaseStage, JobStage> = {
  probe: 'probe',
  bumpers: 'bumpers',
  waiting: 'waiting',
  clip: 'encode',
  verify: 'verify',
  join: 'join',
  'one-pass': 'one-pass',
};

/** The media package's pipeline behind the core's port; unusable uploads become rejections. */
export class FfmpegShowcaseRenderer implements ShowcaseRenderer {
  readonly #settings: ShowcaseSettingsInput;
  readonly #tools: MediaTools;
  readonly #encodeTurn: EncodeTurn | undefined;

  /** `encodeTurn` bounds the encodes of the renders running at once (none: each encodes at once). */
  constructor(settings: ShowcaseSettingsInput, tools: MediaTools, encodeTurn?: EncodeTurn) {
    this.#settings = settings;
    this.#tools = tools;
    this.#encodeTurn = encodeTurn;
  }

  /** The bumpers rendered (when not cached) and their signatures read, before the first job needs them. */
  warmUp(signal?: AbortSignal): Promise<void> {
    return prepareShowcase({ settings: this.#settings, tools: this.#tools, signal });
  }

  async render(
    inputPath: string,
    outputDir: string,
    signal: AbortSignal,
    onProgress?: RenderProgress,
  ): Promise<RenderOutcome> {
    const videoPath = path.join(outputDir, 'showcase.mp4');
    const posterPath = path.join(outputDir, 'poster.jpg');
    const clock = currentStageClock();
    const progress = onProgress ? overallProgress(onProgress) : undefined;
    let stage: ShowcaseStage | undefined;
    const report = (update: ShowcaseProgress) => {
      if (update.stage !== stage) clock?.enter(jobStageOf[(stage = update.stage)]);
      progress?.(update);
    };
    try {
      await renderShowcase({
        inputPath,
        outputPath: videoPath,
        posterPath,
        workDir: outputDir,
        settings: this.#settings,
        tools: this.#tools,
        signal,
        onProgress: report,
        // The turn spans the encode exactly, so the job's log line says when its encode ran.
        encodeTurn: async (turnSignal) => {
          const end = this.#encodeTurn ? await this.#encodeTurn(turnSignal) : () => {};
          clock?.encodeStarted();
          return () => {
            clock?.encodeEnded();
            end();
          };
        },
      });
      return { kind: 'rendered', videoPath, posterPath };
    } catch (error) {
      if (error instanceof InvalidInputError) return { kind: 'rejected', reason: error.message };
      throw error;
    } finally {
      clock?.enter(undefined);
    }
  }
}
