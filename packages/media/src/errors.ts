import type { UploadRejection } from '@anb/core';

/** ffprobe could not read the file: not a media file, truncated, or an unknown container. */
export class ProbeError extends Error {
  readonly path: string;
  readonly stderrTail: readonly string[];

  constructor(path: string, message: string, stderrTail: readonly string[] = [], options?: ErrorOptions) {
    super(`cannot probe ${path}: ${message}`, options);
    this.name = 'ProbeError';
    this.path = path;
    this.stderrTail = stderrTail;
  }
}

/** ffmpeg exited abnormally; the stderr tail is what it said last. */
export class FfmpegError extends Error {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stderrTail: readonly string[];

  constructor(details: {
    exitCode: number | null;
    signal: NodeJS.Signals | null;
    timedOut: boolean;
    stderrTail: readonly string[];
  }) {
    const how = details.timedOut
      ? 'timed out'
      : details.signal
        ? `was killed by ${details.signal}`
        : `exited with code ${details.exitCode}`;
    const lastLine = details.stderrTail.at(-1);
    super(`ffmpeg ${how}${lastLine ? `: ${lastLine}` : ''}`);
    this.name = 'FfmpegError';
    this.exitCode = details.exitCode;
    this.signal = details.signal;
    this.timedOut = details.timedOut;
    this.stderrTail = details.stderrTail;
  }
}

/** Core's refusal codes: the worker refuses with the same rules and texts as the API. */
export type InvalidInputCode = UploadRejection;

/** The upload itself is unusable; retrying cannot help, so the video should be marked failed at once. */
export class InvalidInputError extends Error {
  readonly code: InvalidInputCode;

  /** `reason` is Spanish, written for the player (it becomes the video's failure_reason); core's uploadTexts. */
  constructor(code: InvalidInputCode, reason: string, options?: ErrorOptions) {
    super(reason, options);
    this.name = 'InvalidInputError';
    this.code = code;
  }
}

/** Neither the configured paths, the PATH nor the optional npm binaries provide the tool. */
export class MediaToolNotFoundError extends Error {
  readonly tool: 'ffmpeg' | 'ffprobe';

  constructor(tool: 'ffmpeg' | 'ffprobe', detail: string) {
    super(`${tool} not found: ${detail}`);
    this.name = 'MediaToolNotFoundError';
    this.tool = tool;
  }
}

/** The rendered showcase is not what the spec asks for, even after the one-pass fallback. */
export class OutputVerificationError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`showcase output failed verification: ${problems.join('; ')}`);
    this.name = 'OutputVerificationError';
    this.problems = problems;
  }
}
