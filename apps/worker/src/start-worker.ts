import path from 'node:path';
import type { Config } from '@anb/config';
import { VideoProcessingService } from '@anb/core';
import { PostgresProcessingRepository } from '@anb/db';
import { locateMediaTools } from '@anb/media';
import type { Runtime } from '@anb/runtime';
import { FfmpegShowcaseRenderer } from './ffmpeg-showcase-renderer.ts';
import { TempScratchSpace } from './temp-scratch-space.ts';

export interface WorkerLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface RunningWorker {
  /** Stops polling, lets running jobs finish within the stop timeout, releases the rest. */
  stop(): Promise<void>;
  /** Settles when the consumer has stopped. */
  stopped: Promise<void>;
}

/** The worker's composition root: consumes the queue and renders each video it names. */
export function startWorker(config: Config, runtime: Runtime, log: WorkerLog): RunningWorker {
  const dataDir = path.resolve(config.DATA_DIR);
  const tools = locateMediaTools({
    ...process.env,
    ...(config.FFMPEG_PATH ? { FFMPEG_PATH: config.FFMPEG_PATH } : {}),
    ...(config.FFPROBE_PATH ? { FFPROBE_PATH: config.FFPROBE_PATH } : {}),
  });
  const processing = new VideoProcessingService({
    videos: new PostgresProcessingRepository(runtime.db),
    store: runtime.store,
    renderer: new FfmpegShowcaseRenderer(
      {
        preset: config.FFMPEG_PRESET,
        crf: config.FFMPEG_CRF,
        limits: {
          minDurationSeconds: config.VIDEO_MIN_SECONDS,
          maxDurationSeconds: config.VIDEO_MAX_SECONDS,
          minShortSide: config.VIDEO_MIN_SHORT_SIDE,
        },
        bumperCacheDir: path.join(dataDir, 'bumpers'),
      },
      tools,
    ),
    scratch: new TempScratchSpace(path.join(dataDir, 'work')),
  });

  const polling = new AbortController();
  // Separate from polling: on stop, running renders go on until the stop timeout, then are killed.
  const rendering = new AbortController();
  const stopTimeoutMs = config.WORKER_STOP_TIMEOUT * 1000;
  // Jobs still settling; an abandoned one is awaited on stop so it removes its scratch folder before exit.
  const jobs = new Set<Promise<unknown>>();
  const stopped = runtime.queue.consume(
    async (message) => {
      const started = performance.now();
      const { videoId } = message.body;
      try {
        const job = processing.process({
          videoId,
          receiveCount: message.receiveCount,
          maxReceives: config.QUEUE_MAX_RECEIVES,
          signal: rendering.signal,
        });
        jobs.add(job);
        const result = await job.finally(() => jobs.delete(job));
        log.info({ videoId, result, ms: Math.round(performance.now() - started) }, 'video job done');
      } catch (error) {
        log.error({ videoId, err: error, receiveCount: message.receiveCount }, 'video job failed; it will be retried');
        throw error;
      }
    },
    {
      concurrency: config.WORKER_CONCURRENCY,
      signal: polling.signal,
      stopTimeoutMs,
      onError: (error) => log.error({ err: error }, 'queue unavailable; backing off'),
    },
  );
  log.info({ concurrency: config.WORKER_CONCURRENCY, ffmpeg: tools.ffmpegPath }, 'worker polling the queue');
  return {
    stopped,
    stop: async () => {
      polling.abort();
      const killRenders = setTimeout(() => rendering.abort(), stopTimeoutMs);
      await stopped;
      clearTimeout(killRenders);
      rendering.abort();
      await Promise.allSettled(jobs);
    },
  };
}
