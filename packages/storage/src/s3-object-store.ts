import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
} from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ObjectNotFoundError } from '@anb/core';
import type { ObjectStore } from '@anb/core';
import { assertValidObjectKey } from './object-key.ts';

const PART_SIZE_BYTES = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 4;
// DeleteObjects accepts at most this many keys per request.
const MAX_KEYS_PER_DELETE = 1000;

export interface S3ObjectStoreOptions {
  bucket: string;
  client: S3Client;
  /**
   * Presigns the URLs handed to browsers when they reach the store at another address than this
   * process does (an emulator inside a container network). Default: `client`.
   */
  signingClient?: S3Client;
}

/** Objects in one S3 bucket; the browser reads them through presigned GET URLs. */
export class S3ObjectStore implements ObjectStore {
  readonly bucket: string;
  readonly #client: S3Client;
  readonly #signingClient: S3Client;

  constructor({ bucket, client, signingClient = client }: S3ObjectStoreOptions) {
    this.bucket = bucket;
    this.#client = client;
    this.#signingClient = signingClient;
  }

  /** Streams the file up (multipart above one part, so memory stays flat); the source file is left in place. */
  async putFile(key: string, filePath: string, contentType: string): Promise<void> {
    assertValidObjectKey(key);
    const upload = new Upload({
      client: this.#client,
      params: { Bucket: this.bucket, Key: key, Body: createReadStream(filePath), ContentType: contentType },
      partSize: PART_SIZE_BYTES,
      queueSize: PARTS_IN_FLIGHT,
    });
    await upload.done();
  }

  async getToFile(key: string, filePath: string): Promise<void> {
    assertValidObjectKey(key);
    const body = await this.#openObject(key);
    try {
      await pipeline(body, createWriteStream(filePath));
    } catch (error) {
      // A truncated download must not look like a complete file to the next step.
      await rm(filePath, { force: true });
      throw error;
    }
  }

  async read(key: string): Promise<AsyncIterable<Uint8Array>> {
    assertValidObjectKey(key);
    return this.#openObject(key);
  }

  async delete(keys: readonly string[]): Promise<void> {
    keys.forEach(assertValidObjectKey);
    const unique = [...new Set(keys)];
    for (let start = 0; start < unique.length; start += MAX_KEYS_PER_DELETE) {
      const batch = unique.slice(start, start + MAX_KEYS_PER_DELETE);
      const result = await this.#client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      // S3 reports missing keys as deleted, so any error here is real (permissions, throttling).
      const [first] = result.Errors ?? [];
      if (first) throw new Error(`could not delete ${result.Errors?.length} objects, e.g. ${first.Key}: ${first.Code}`);
    }
  }

  async exists(key: string): Promise<boolean> {
    assertValidObjectKey(key);
    try {
      await this.#client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (error instanceof NotFound || error instanceof NoSuchKey) return false;
      throw error;
    }
  }

  async signedUrl(key: string, ttlSeconds: number): Promise<string> {
    assertValidObjectKey(key);
    return getSignedUrl(this.#signingClient, new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
      expiresIn: ttlSeconds,
    });
  }

  async ping(): Promise<void> {
    await this.#client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  async #openObject(key: string): Promise<Readable> {
    try {
      const { Body } = await this.#client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      // In Node.js the SDK hands back an http.IncomingMessage.
      if (!(Body instanceof Readable)) throw new Error(`unexpected GetObject body for ${key}`);
      return Body;
    } catch (error) {
      if (error instanceof NoSuchKey) throw new ObjectNotFoundError(key);
      throw error;
    }
  }
}
