import { expireSession, getSession } from '../session/session.ts';
import { networkError, problemFromBody } from './api-error.ts';
import type { UploadAccepted } from './types.ts';

export interface UploadInput {
  title: string;
  file: File;
}

export interface UploadCallbacks {
  /** Fraction of the file's bytes sent, 0 to 1. */
  onProgress(fraction: number): void;
  signal: AbortSignal;
}

export type UploadVideo = (input: UploadInput, callbacks: UploadCallbacks) => Promise<UploadAccepted>;

export class UploadCancelledError extends Error {
  constructor() {
    super('Subida cancelada.');
    this.name = 'UploadCancelledError';
  }
}

/** XMLHttpRequest, not fetch: only it reports how many bytes of the request body were sent. */
export const uploadVideo: UploadVideo = ({ title, file }, { onProgress, signal }) =>
  new Promise((resolve, reject) => {
    const session = getSession();
    const form = new FormData();
    // The title goes first so the API has it before the file streams in.
    form.append('title', title);
    form.append('video_file', file, file.name);
    const request = new XMLHttpRequest();
    request.open('POST', '/api/videos/upload');
    request.responseType = 'json';
    if (session) request.setRequestHeader('authorization', `Bearer ${session.token}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.upload.onload = () => onProgress(1);
    request.onload = () => {
      if (request.status === 201) return resolve(request.response as UploadAccepted);
      if (request.status === 401 && session) expireSession();
      reject(problemFromBody(request.status, request.response));
    };
    request.onerror = () => reject(networkError());
    request.onabort = () => reject(new UploadCancelledError());
    if (signal.aborted) return reject(new UploadCancelledError());
    signal.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
