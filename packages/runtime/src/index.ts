export { openRuntime, PROCESS_VIDEO_QUEUE, type DependencyCheck, type Runtime } from './open-runtime.ts';
export { configuredOrPersistedSecret } from './secrets.ts';
export { sweepStaleFiles } from './sweep-stale-files.ts';
