import path from 'node:path';
import type { Config } from '@anb/config';
import type { Runtime } from '@anb/runtime';
import { fileResumableStore, s3ResumableStore, type ResumableStore } from './resumable-store.ts';

/** The resumable store beside the configured object store: a data-directory folder, or the media bucket. */
export function resumableStoreFor(config: Config, runtime: Runtime): ResumableStore {
  const expiryMs = config.UPLOAD_RESUMABLE_EXPIRY * 1000;
  if (config.STORAGE === 'local') {
    // Not under the scratch folder: a restart sweeps that after an hour, and uploads resume for a day.
    return fileResumableStore(path.resolve(config.DATA_DIR, 'resumable'), expiryMs);
  }
  return s3ResumableStore({
    bucket: config.S3_BUCKET as string,
    region: config.AWS_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    expiryMs,
    tmpDir: runtime.tmpDir,
    objects: runtime.store,
  });
}
