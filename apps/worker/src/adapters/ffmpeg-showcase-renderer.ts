import path from 'node:path';
import type { RenderOutcome, RenderProgress, ShowcaseRenderer } from '@anb/core';
import { InvalidInputError, renderShowcase, type MediaTools, type ShowcaseSettingsInput } from '@anb/media';
import { overallProgress } from './overall-progress.ts';

/** The media package's pipeline behind the core's port; unusable uploads become rejections. */
export class FfmpegShowcaseRenderer implements ShowcaseRenderer {
  readonly #settings: ShowcaseSettingsInput;
  readonly #tools: MediaTools;

  constructor(settings: ShowcaseSettingsInput, tools: MediaTools) {
    this.#settings = settings;
    this.#tools = tools;
  }

  async render(
    inputPath: string,
    outputDir: string,
    signal: AbortSignal,
    onProgress?: RenderProgress,
  ): Promise<RenderOutcome> {
    const videoPath = path.join(outputDir, 'showcase.mp4');
    const posterPath = path.join(outputDir, 'poster.jpg');
    try {
      await renderShowcase({
        inputPath,
        outputPath: videoPath,
        posterPath,
        workDir: outputDir,
        settings: this.#settings,
        tools: this.#tools,
        signal,
        ...(onProgress ? { onProgress: overallProgress(onProgress) } : {}),
      });
      return { kind: 'rendered', videoPath, posterPath };
    } catch (error) {
      if (error instanceof InvalidInputError) return { kind: 'rejected', reason: error.message };
      throw error;
    }
  }
}
