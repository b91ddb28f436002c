import type { ObjectStore, ProcessingRepository, ScratchSpace } from '@anb/core';
import { timed } from '../job-stages.ts';

/**
 * The processing service's ports with each call timed as a step of the job running it (job-stages.ts), so a
 * job's log line says where its time went: database updates, copies out of and into the store, clean-up.
 */
export function timedRepository(videos: ProcessingRepository): ProcessingRepository {
  return {
    claimForProcessing: (videoId) => timed('claim', () => videos.claimForProcessing(videoId)),
    markProcessed: (videoId, outputs) => timed('publish', () => videos.markProcessed(videoId, outputs)),
    recordProgress: (videoId, percent) => timed('progress', () => videos.recordProgress(videoId, percent)),
    markFailed: (videoId, reason) => timed('fail', () => videos.markFailed(videoId, reason)),
  };
}

export function timedStore(store: ObjectStore): ObjectStore {
  return {
    putFile: (key, filePath, contentType) => timed('store', () => store.putFile(key, filePath, contentType)),
    getToFile: (key, filePath) => timed('download', () => store.getToFile(key, filePath)),
    read: (key) => store.read(key),
    delete: (keys) => store.delete(keys),
    exists: (key) => store.exists(key),
    signedUrl: (key, ttlSeconds) => store.signedUrl(key, ttlSeconds),
    ping: () => store.ping(),
  };
}

export function timedScratch(scratch: ScratchSpace): ScratchSpace {
  return {
    create: async () => {
      const workspace = await scratch.create();
      return { dir: workspace.dir, dispose: () => timed('cleanup', () => workspace.dispose()) };
    },
  };
}
