import path from 'node:path';
import { uploadRulesOf, type Config } from '@anb/config';
import { VideoProcessingService } from '@anb/core';
import { isDatabaseUnavailable, pingDatabase, PostgresProcessingRepository } from '@anb/db';
import { locateMediaTools } from '@anb/media';
import type { Runtime } from '@anb/runtime';
import { EcsTaskProtection } from './adapters/ecs-task-protection.ts';
import { EncodeTurns } from './encode-turns.ts';
import { FfmpegShowcaseRenderer } from './adapters/ffmpeg-showcase-renderer.ts';
import { holdThroughOutage } from './hold-through-outage.ts';
import { startHeartbeat } from './heartbeat-file.ts';
import { jobMetricFields, outcomeOf, type JobOutcome } from './job-metrics.ts';
import { TempScratchSpace } from './adapters/temp-scratch-space.ts';
import { timedRepository, timedScratch, timedStore } from './adapters/timed-ports.ts';
import { StageClock, withStageClock } from './job-stages.ts';
import { resolveWorkerConcurrency } from './worker-concurrency.ts';
import { WorkerLiveness } from './worker-liveness.ts';

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
  const concurrency = resolveWorkerConcurrency(config.WORKER_CONCURRENCY);
  const tools = locateMediaTools({
    ...process.env,
    ...(config.FFMPEG_PATH ? { FFMPEG_PATH: config.FFMPEG_PATH } : {}),
    ...(config.FFPROBE_PATH ? { FFPROBE_PATH: config.FFPROBE_PATH } : {}),
  });
  // `concurrency.jobs` videos encode at once; one message more is taken, so the next video is claimed, fetched
  // and probed while they encode and starts encoding the moment one ends (the checks, join and storing of the
  // finished one run beside it). See docs/adr/0031-worker-prepares-the-next-video-while-encoding.md.
  const turns = new EncodeTurns(concurrency.jobs);
  const inFlight = concurrency.jobs + 1;
  const renderer = new FfmpegShowcaseRenderer(
    {
      preset: config.FFMPEG_PRESET,
      crf: config.FFMPEG_CRF,
      limits: uploadRulesOf(config),
      bumperCacheDir: path.join(dataDir, 'bumpers'),
    },
    tools,
    turns.take,
  );
  const processing = new VideoProcessingService({
    // Each call is timed as a step of the job running it, for the job's log line.
    videos: timedRepository(new PostgresProcessingRepository(runtime.db)),
    store: timedStore(runtime.store),
    renderer,
    scratch: timedScratch(new TempScratchSpace(path.join(dataDir, 'work'))),
  });

  const liveness = new WorkerLiveness(
    {
      concurrency: inFlight,
      maxPollGapMs: config.WORKER_HEARTBEAT_MAX_AGE * 1000,
      maxJobMs: config.WORKER_MAX_JOB_SECONDS * 1000,
    },
    Date.now(),
  );
  const heartbeat = startHeartbeat({
    file: config.WORKER_HEARTBEAT_FILE,
    // Several beats per allowed age, so one slow write does not fail the health check.
    intervalMs: Math.min(10_000, (config.WORKER_HEARTBEAT_MAX_AGE * 1000) / 4),
    problem: () => liveness.problem(Date.now()),
    onStale: (reason) => log.error({ reason }, 'worker unhealthy: heartbeat stopped'),
    onError: (error) => log.error({ err: error }, 'cannot write the heartbeat file'),
  });
  const protection = new EcsTaskProtection({
    agentUri: config.ECS_AGENT_URI,
    expiresInMinutes: Math.ceil(config.WORKER_MAX_JOB_SECONDS / 60),
    log,
  });
  const metrics = (outcome: JobOutcome, started: number) => ({
    outcome,
    ...(config.METRICS_NAMESPACE
      ? jobMetricFields(config.METRICS_NAMESPACE, outcome, performance.now() - started, Date.now())
      : {}),
  });

  const polling = new AbortController();
  // Separate from polling: on stop, running renders go on until the stop timeout, then are killed.
  const rendering = new AbortController();
  // While the queue is still empty, not on the first job's time; a failure here is retried by that job. A job
  // started meanwhile joins this very render of the bumpers, so it stops with the renders, not with the polling.
  const warmUp = renderer
    .warmUp(rendering.signal)
    .then(() => log.info({}, 'bumpers ready'))
    .catch((error: unknown) => {
      if (!rendering.signal.aborted)
        log.error({ err: error }, 'cannot prepare the bumpers; the first job will try again');
    });
  const stopTimeoutMs = config.WORKER_STOP_TIMEOUT * 1000;
  // Jobs still settling; an abandoned one is awaited on stop so it removes its scratch folder before exit.
  const jobs = new Set<Promise<unknown>>();
  const stopped = runtime.queue.consume(
    async (message) => {
      const started = performance.now();
      const startedAt = Date.now();
      const stages = new StageClock();
      const { videoId } = message.body;
      const job = liveness.jobStarted(Date.now());
      // Protected before the work starts: a scale-in decided meanwhile picks another task.
      await protection.jobStarted();
      try {
        const processingJob = holdThroughOutage(
          () =>
            withStageClock(stages, () =>
              processing.process({
                videoId,
                receiveCount: message.receiveCount,
                maxReceives: config.QUEUE_MAX_RECEIVES,
                signal: rendering.signal,
              }),
            ),
          {
            isOutage: isDatabaseUnavailable,
            ping: () => pingDatabase(runtime.db),
            signal: polling.signal,
            onHold: (error) =>
              log.error({ videoId, err: error }, 'database unreachable: holding the job until it is back'),
            onResume: () => log.info({ videoId }, 'database back: running the job again'),
          },
        );
        jobs.add(processingJob);
        const result = await processingJob.finally(() => jobs.delete(processingJob));
        log.info(
          {
            videoId,
            result,
            ms: Math.round(performance.now() - started),
            // Where the time went (ms per step) and when the job ran (epoch ms), to see the gaps between jobs.
            stages: stages.toJSON(),
            startedAt,
            endedAt: Date.now(),
            encodeStartedAt: stages.encodeWindow?.[0],
            encodeEndedAt: stages.encodeWindow?.[1],
            ...metrics(outcomeOf(result), started),
          },
          'video job done',
        );
      } catch (error) {
        log.error(
          { videoId, err: error, receiveCount: message.receiveCount, ...metrics('failed', started) },
          'video job failed; it will be retried',
        );
        throw error;
      } finally {
        liveness.jobEnded(job);
        void protection.jobEnded();
      }
    },
    {
      concurrency: inFlight,
      signal: polling.signal,
      stopTimeoutMs,
      onError: (error) => log.error({ err: error }, 'queue unavailable; backing off'),
      onPoll: () => liveness.polled(Date.now()),
    },
  );
  log.info(
    {
      concurrency: concurrency.jobs,
      preparedAhead: inFlight - concurrency.jobs,
      concurrencyFrom: concurrency.source,
      cpusGiven: concurrency.cpus,
      ffmpeg: tools.ffmpegPath,
    },
    'worker polling the queue',
  );
  return {
    stopped,
    stop: async () => {
      polling.abort();
      const killRenders = setTimeout(() => rendering.abort(), stopTimeoutMs);
      await stopped;
      clearTimeout(killRenders);
      rendering.abort();
      await Promise.allSettled(jobs);
      await warmUp;
      heartbeat.stop();
      await protection.settled();
    },
  };
}
