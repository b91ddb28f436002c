import { readFile } from 'node:fs/promises';

export interface MultipartPart {
  name: string;
  /** A file part when set. */
  filename?: string;
  contentType?: string;
  value: string | Buffer;
}

/** A multipart/form-data body for app.inject, built by hand so tests control every byte. */
export function multipart(parts: MultipartPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----anb-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type =
      part.filename === undefined ? '' : `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function uploadForm(filePath: string, title = 'Mi mejor jugada', filename = 'jugada.mp4') {
  return multipart([
    { name: 'title', value: title },
    { name: 'video_file', filename, contentType: 'video/mp4', value: await readFile(filePath) },
  ]);
}
