export * from './ports/object-store.ts';
export * from './ports/job-queue.ts';
