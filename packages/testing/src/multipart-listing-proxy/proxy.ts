import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Part {
  number: number;
  etag: string;
  size: number;
}
interface MultipartUpload {
  key: string;
  initiated: Date;
  parts: Map<number, Part>;
}

export interface MultipartListingProxy {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * The S3 emulator (fauxqs 2.4.1) has no ListParts or ListMultipartUploads, which @tus/s3-store
 * needs. This proxy forwards everything to it and answers those two operations from the multipart
 * requests it has seen (create, upload part, complete, abort): S3's wire format, S3's semantics.
 */
export async function startMultipartListingProxy(
  target: string,
  listen: { host: string; port: number } = { host: '127.0.0.1', port: 0 },
): Promise<MultipartListingProxy> {
  const uploads = new Map<string, MultipartUpload>();
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://proxy');
    const uploadId = url.searchParams.get('uploadId');
    const key = decodeURIComponent(url.pathname.split('/').slice(2).join('/'));
    if (request.method === 'GET' && uploadId && !url.searchParams.has('partNumber')) {
      return answerXml(response, listParts(uploadId, key));
    }
    if (request.method === 'GET' && url.searchParams.has('uploads')) {
      return answerXml(response, listUploads());
    }
    const body = await readAll(request);
    const answer = await forward(request, body);
    if (answer.status < 300) record(request, url, key, answer);
    response.writeHead(answer.status, answer.headers).end(answer.body);
  }

  function record(request: IncomingMessage, url: URL, key: string, answer: Forwarded) {
    const uploadId = url.searchParams.get('uploadId');
    if (request.method === 'POST' && url.searchParams.has('uploads')) {
      const created = /<UploadId>([^<]+)<\/UploadId>/.exec(answer.body.toString())?.[1];
      if (created) uploads.set(created, { key, initiated: new Date(), parts: new Map() });
    } else if (request.method === 'PUT' && uploadId && url.searchParams.has('partNumber')) {
      const number = Number(url.searchParams.get('partNumber'));
      const size = Number(request.headers['x-amz-decoded-content-length'] ?? request.headers['content-length']);
      uploads.get(uploadId)?.parts.set(number, { number, etag: String(answer.headers.etag), size });
    } else if ((request.method === 'POST' || request.method === 'DELETE') && uploadId) {
      uploads.delete(uploadId);
    }
  }

  function listParts(uploadId: string, key: string): { status: number; xml: string } {
    const upload = uploads.get(uploadId);
    if (!upload) {
      return { status: 404, xml: '<Error><Code>NoSuchUpload</Code><Message>no such upload</Message></Error>' };
    }
    const parts = [...upload.parts.values()]
      .sort((a, b) => a.number - b.number)
      .map(
        (part) =>
          `<Part><PartNumber>${part.number}</PartNumber><ETag>${part.etag}</ETag><Size>${part.size}</Size></Part>`,
      )
      .join('');
    return {
      status: 200,
      xml: `<ListPartsResult><Key>${key}</Key><UploadId>${uploadId}</UploadId><IsTruncated>false</IsTruncated>${parts}</ListPartsResult>`,
    };
  }

  function listUploads(): { status: number; xml: string } {
    const listed = [...uploads.entries()]
      .map(
        ([id, upload]) =>
          `<Upload><Key>${upload.key}</Key><UploadId>${id}</UploadId><Initiated>${upload.initiated.toISOString()}</Initiated></Upload>`,
      )
      .join('');
    return {
      status: 200,
      xml: `<ListMultipartUploadsResult><IsTruncated>false</IsTruncated>${listed}</ListMultipartUploadsResult>`,
    };
  }

  interface Forwarded {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }

  function forward(request: IncomingMessage, body: Buffer): Promise<Forwarded> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        new URL(request.url ?? '/', target),
        { method: request.method, headers: request.headers },
        (answer) => {
          void readAll(answer).then(
            (bytes) => resolve({ status: answer.statusCode ?? 500, headers: answer.headers, body: bytes }),
            reject,
          );
        },
      );
      outgoing.once('error', reject);
      outgoing.end(body);
    });
  }

  await new Promise<void>((resolve) => server.listen(listen.port, listen.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function answerXml(response: ServerResponse, { status, xml }: { status: number; xml: string }) {
  response.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?>${xml}`);
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
