import type { StartUpload, UploadHandle } from './resumable-upload.ts';

/**
 * The tus client weighs about as much as the rest of the app, and only the upload needs it: it is fetched
 * when the first upload starts. The handle works at once; what is asked of it meanwhile runs once it loads.
 */
export const startUploadOnDemand: StartUpload = (input, events) =>
  whenLoaded(import('./tus-upload.ts').then(({ startTusUpload }) => startTusUpload(input, events)));

function whenLoaded(loading: Promise<UploadHandle>): UploadHandle {
  // A client that failed to load is reported once, through `done`.
  const loaded = loading.catch(() => undefined);
  return {
    done: loading.then((handle) => handle.done),
    pause: () => void loaded.then((handle) => handle?.pause()),
    resume: () => void loaded.then((handle) => handle?.resume()),
    cancel: () => loaded.then((handle) => handle?.cancel()),
  };
}
