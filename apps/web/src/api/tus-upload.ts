import { Upload, type DetailedError, type PreviousUpload, type UploadOptions } from 'tus-js-client';
import { expireSession, getSession } from '../session/session.ts';
import { problemFromBody } from './api-error.ts';
import { UploadCancelledError, type StartUpload } from './resumable-upload.ts';

const ENDPOINT = '/api/uploads';
/** Waits before each automatic retry: a mobile connection that drops usually comes back within a minute or two. */
const RETRY_DELAYS_MS = [0, 1_000, 3_000, 5_000, 10_000, 20_000, 30_000, 30_000, 60_000];

/**
 * Uploads with the tus protocol: the server keeps every byte it received, so a dropped connection, a pause
 * or a reload goes on from the server's offset instead of from zero.
 */
export const startTusUpload: StartUpload = ({ title, file }, events) => {
  let settle!: { resolve(answer: { videoId: string | undefined }): void; reject(error: unknown): void };
  const done = new Promise<{ videoId: string | undefined }>((resolve, reject) => (settle = { resolve, reject }));
  let paused = false;

  const startUnlessPaused = () => {
    if (!paused) upload.start();
  };
  const resumeWhenOnline = () => startUnlessPaused();
  const stopListening = () => window.removeEventListener('online', resumeWhenOnline);

  const upload = new Upload(file, {
    endpoint: ENDPOINT,
    metadata: { title, filename: file.name, filetype: file.type },
    fingerprint: async (chosen) => fingerprintOf(chosen as File),
    retryDelays: RETRY_DELAYS_MS,
    // Unlike the default, a browser that says it is offline is retried too: phones flip that flag briefly.
    onShouldRetry: (error) => {
      const retry = isWorthRetrying(error);
      if (retry && !error.originalResponse) events.onConnectionProblem('retrying');
      return retry;
    },
    removeFingerprintOnSuccess: true,
    // Read at every request, not once: a long upload may outlive a token refresh.
    onBeforeRequest: (request) => {
      const session = getSession();
      if (session) request.setHeader('Authorization', `Bearer ${session.token}`);
    },
    onProgress: (sent, total) => events.onProgress(total > 0 ? sent / total : 0),
    onSuccess: ({ lastResponse }) => {
      stopListening();
      // Only the final PATCH names the video; a HEAD finding the upload complete does not.
      settle.resolve({ videoId: lastResponse.getHeader('Video-Id') || undefined });
    },
    onError: (error) => {
      const { originalRequest, originalResponse } = error as Partial<DetailedError>;
      if (originalRequest && !originalResponse) {
        // Out of retries with no answer at all: wait for the network instead of failing the upload.
        events.onConnectionProblem('stopped');
        window.addEventListener('online', resumeWhenOnline, { once: true });
        return;
      }
      stopListening();
      const status = originalResponse?.getStatus() ?? 0;
      if (status === 401) expireSession();
      settle.reject(problemFromBody(status, originalResponse && parseJson(originalResponse.getBody())));
    },
  } satisfies UploadOptions);

  // Looking for an earlier upload of this file is asynchronous; pause and cancel may come first.
  const ready = upload
    .findPreviousUploads()
    .then((found) => {
      const previous = newest(found, title);
      if (previous) {
        upload.resumeFromPreviousUpload(previous);
        events.onResumingPrevious();
      }
    })
    .catch(() => undefined); // storage unavailable: a fresh upload still works
  void ready.then(startUnlessPaused);

  return {
    done,
    pause: () => {
      paused = true;
      void upload.abort(false);
    },
    resume: () => {
      paused = false;
      stopListening();
      void ready.then(startUnlessPaused);
    },
    cancel: async () => {
      paused = true;
      stopListening();
      settle.reject(new UploadCancelledError());
      // Deleting what the server holds is a courtesy: if it fails, the server expires the upload anyway.
      await upload.abort(true).catch(() => undefined);
    },
  };
};

/** Per player and file, so one browser shared by two players never offers one's upload to the other. */
function fingerprintOf(file: File): string {
  return ['anb', getSession()?.email ?? '', file.name, file.type, file.size, file.lastModified, ENDPOINT].join('/');
}

/** Same file and same title: the title is fixed when the upload is created, so another title starts anew. */
function newest(previous: PreviousUpload[], title: string): PreviousUpload | undefined {
  return previous
    .filter((candidate) => candidate.metadata.title === title)
    .sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime))[0];
}

/** No answer, a server error, or a conflict over the offset or a lock held by the dropped request. */
function isWorthRetrying(error: DetailedError): boolean {
  const status = error.originalResponse?.getStatus() ?? 0;
  return status === 0 || status >= 500 || status === 409 || status === 423;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
