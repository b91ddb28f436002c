// The web app's upload port: the form drives an upload through this, the tus adapter implements it.

export interface UploadInput {
  title: string;
  file: File;
}

/** Why the bytes stopped flowing while the upload is still alive. */
export type ConnectionProblem =
  /** The connection dropped; the client tries again by itself, waiting longer each time. */
  | 'retrying'
  /** The client gave up retrying; it goes on when the browser is back online or when resumed. */
  | 'stopped';

export interface UploadEvents {
  /** Fraction of the file the server holds, 0 to 1. */
  onProgress(fraction: number): void;
  /** This file was partly sent before from this browser, with the same title: the upload goes on from there. */
  onResumingPrevious(): void;
  onConnectionProblem(problem: ConnectionProblem): void;
}

export interface UploadHandle {
  /**
   * The new video's id once the server accepted the file (undefined when the server's answer was lost
   * and the upload was found complete afterwards); rejects with the API's refusal or UploadCancelledError.
   */
  done: Promise<{ videoId: string | undefined }>;
  pause(): void;
  resume(): void;
  /** Stops and asks the server to delete what it holds; `done` rejects with UploadCancelledError. */
  cancel(): Promise<void>;
}

/** Starts at once; the handle works from the first moment, even before the first byte is sent. */
export type StartUpload = (input: UploadInput, events: UploadEvents) => UploadHandle;

export class UploadCancelledError extends Error {
  constructor() {
    super('Subida cancelada.');
    this.name = 'UploadCancelledError';
  }
}
