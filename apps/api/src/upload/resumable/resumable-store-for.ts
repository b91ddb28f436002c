import path from 'node:path';
import type { Config } from '@anb/config';
import type { Runtime } from '@anb/runtime';
import { fileResumableStore, type ResumableStore } from './resumable-store.ts';

/** The resumable store beside the configured object store: a data-directory folder, or the media bucket. */
export async function resumableStoreFor(config: Config, runtime: Runtime): Promise<ResumableStore> {
  const expiryMs = config.UPLOAD_RESUMABLE_EXPIRY * 1000;
  if (config.STORAGE === 'local') {
    // Not under the scratch folder: a restart sweeps that after an hour, and uploads resume for a day.
    return fileResumableStore(path.resolve(config.DATA_DIR, 'resumable'), expiryMs);
  }
  // Loaded only here: the S3 store brings the AWS SDK, which a process on local disk does not carry (ADR 34).
  const { s3ResumableStore } = await import('./s3-resumable-store.ts');
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
