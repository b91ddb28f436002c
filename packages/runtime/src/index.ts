export { openRuntime, PROCESS_VIDEO_QUEUE, type DependencyCheck, type Runtime } from './open-runtime.ts';
// What openRuntime throws when the embedded PostgreSQL cannot start: its message is the whole story.
export { EmbeddedPostgresError } from '@anb/db';
export { configuredOrPersistedSecret } from './secrets.ts';
export { sweepStaleFiles } from './sweep-stale-files.ts';
export { publishedMediaFor } from './published-media-for.ts';
export { accountBuffersInHeapLimit } from './buffers-in-heap-limit.ts';
