import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { uploadTexts } from '@anb/core';
import { refusalProblem } from '../http/domain-problems.ts';
import { messages } from '../http/messages.ts';
import { HttpProblem } from '../http/problem.ts';
import { ClientGoneError } from './client-gone-error.ts';
import { dropWhenIdle } from './drop-when-idle.ts';

export interface ReceivedUpload {
  title: string | undefined;
  /** The video file, streamed to a temporary file; undefined when the request had none. */
  filePath: string | undefined;
  fileBytes: number;
  /** Removes the temporary file; safe to call more than once. */
  discard(): Promise<void>;
}

export interface ReceiveOptions {
  tmpDir: string;
  /** UPLOAD_MAX_BYTES: the file is refused at the byte that crosses it. */
  maxFileBytes: number;
  /** A body that sends nothing for this long is dropped. */
  idleTimeoutMs: number;
}

export const UPLOAD_FILE_FIELD = 'video_file';
export const UPLOAD_TITLE_FIELD = 'title';

/** Cut at the crossing byte, so the file's real size is never known. */
const fileTooLarge = (maxBytes: number) => new HttpProblem(refusalProblem(uploadTexts.fileTooLarge({ maxBytes })));

/**
 * Streams the multipart body: the file goes straight to disk (memory stays flat whatever its size),
 * the title is kept. Parts other than the two expected ones are ignored. A file crossing the size
 * limit is refused at that byte, not after the rest of the body; a body that stalls is dropped.
 */
export async function receiveUpload(request: FastifyRequest, options: ReceiveOptions): Promise<ReceivedUpload> {
  let title: string | undefined;
  let filePath: string | undefined;
  const discard = async () => {
    // Usually gone already: the store moved it. One unlink either way.
    if (filePath)
      await unlink(filePath).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      });
  };
  const stopWatching = dropWhenIdle(request, options.idleTimeoutMs);
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === UPLOAD_TITLE_FIELD && typeof part.value === 'string') title = part.value;
      } else if (part.fieldname === UPLOAD_FILE_FIELD && !filePath) {
        filePath = path.join(options.tmpDir, `${randomUUID()}.upload`);
        part.file.once('limit', () => part.file.destroy(fileTooLarge(options.maxFileBytes)));
        await pipeline(part.file, createWriteStream(filePath));
      } else {
        part.file.resume();
      }
    }
  } catch (error) {
    await discard();
    throw asUploadProblem(request, error);
  } finally {
    stopWatching();
  }
  const fileBytes = filePath ? (await stat(filePath)).size : 0;
  return { title, filePath, fileBytes, discard };
}

/** Refuses a body announced larger than the limit before reading a byte of it. */
export function assertDeclaredSizeWithin(request: FastifyRequest, maxFileBytes: number): void {
  const declared = Number(request.headers['content-length']);
  // Multipart framing and the title add a little over the file itself.
  if (Number.isFinite(declared) && declared > maxFileBytes + 64 * 1024) throw fileTooLarge(maxFileBytes);
}

/** Our refusals and the multipart plugin's own (they carry a code) pass; the parser's plain errors are a malformed body. */
function asUploadProblem(request: FastifyRequest, error: unknown): unknown {
  if (error instanceof ClientGoneError || error instanceof HttpProblem) return error;
  if (request.raw.destroyed && !request.raw.complete) return new ClientGoneError('the client closed the upload');
  if (typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('FST_')) {
    return error;
  }
  return new HttpProblem({ status: 400, code: 'MALFORMED_MULTIPART', detail: messages.malformedMultipart });
}
