import { DetailedError, Upload, type UploadOptions } from 'tus-js-client';

export interface TusOutcome {
  /** The upload's URL (from Location). */
  url: string;
  /** The final PATCH's answer. */
  status: number;
  videoId: string | undefined;
  body: string;
}

/** Uploads `bytes` with the real tus client to completion (or to its refusal), no retries. */
export function tusUpload(bytes: Buffer, options: UploadOptions): Promise<TusOutcome> {
  return new Promise((resolve, reject) => {
    const upload: Upload = new Upload(bytes, {
      retryDelays: null,
      storeFingerprintForResuming: false,
      ...options,
      onSuccess: ({ lastResponse }) =>
        resolve({
          url: upload.url as string,
          status: lastResponse.getStatus(),
          videoId: lastResponse.getHeader('video-id'),
          body: lastResponse.getBody(),
        }),
      onError: (error) => {
        const response = error instanceof DetailedError ? error.originalResponse : null;
        if (!response) return reject(error);
        resolve({
          url: upload.url as string,
          status: response.getStatus(),
          videoId: undefined,
          body: response.getBody(),
        });
      },
    });
    upload.start();
  });
}

/**
 * Sends the first `chunkSize` bytes (creation, then one PATCH) and stops there, as a dropped
 * connection would; resolves with the upload's URL.
 */
export function tusUploadFirstChunk(bytes: Buffer, options: UploadOptions & { chunkSize: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const upload: Upload = new Upload(bytes, {
      retryDelays: null,
      storeFingerprintForResuming: false,
      ...options,
      onChunkComplete: () => {
        void upload.abort().then(() => resolve(upload.url as string), reject);
      },
      onError: reject,
    });
    upload.start();
  });
}
