import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { messages } from '../http/messages.ts';
import { HttpProblem } from '../http/problem.ts';

export interface ReceivedUpload {
  title: string | undefined;
  /** The video file, streamed to a temporary file; undefined when the request had none. */
  filePath: string | undefined;
  /** Removes the temporary file; safe to call more than once. */
  discard(): Promise<void>;
}

export const UPLOAD_FILE_FIELD = 'video_file';
export const UPLOAD_TITLE_FIELD = 'title';

/**
 * Streams the multipart body: the file goes straight to disk (memory stays flat whatever its size),
 * the title is kept. Parts other than the two expected ones are ignored.
 */
export async function receiveUpload(request: FastifyRequest, tmpDir: string): Promise<ReceivedUpload> {
  let title: string | undefined;
  let filePath: string | undefined;
  const discard = async () => {
    if (filePath) await rm(filePath, { force: true });
  };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === UPLOAD_TITLE_FIELD && typeof part.value === 'string') title = part.value;
      } else if (part.fieldname === UPLOAD_FILE_FIELD && !filePath) {
        filePath = path.join(tmpDir, `${randomUUID()}.upload`);
        await pipeline(part.file, createWriteStream(filePath));
      } else {
        part.file.resume();
      }
    }
  } catch (error) {
    await discard();
    throw error;
  }
  return { title, filePath, discard };
}

/** Refuses a body announced larger than the limit before reading a byte of it. */
export function assertDeclaredSizeWithin(request: FastifyRequest, maxFileBytes: number): void {
  const declared = Number(request.headers['content-length']);
  // Multipart framing and the title add a little over the file itself.
  if (Number.isFinite(declared) && declared > maxFileBytes + 64 * 1024) {
    throw new HttpProblem({ status: 400, code: 'FILE_TOO_LARGE', detail: messages.fileTooLarge });
  }
}
