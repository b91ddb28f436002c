import { constants } from 'node:fs';
import { access, copyFile, link, mkdir, open, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ObjectNotFoundError } from '@anb/core';
import type { ObjectStore } from '@anb/core';
import { errorCode } from './error-code.ts';
import { isValidMediaSignature, MEDIA_ROUTE_PREFIX, roundedExpiry, signMediaKey } from './media-signature.ts';
import { moveFileAtomically } from './move-file.ts';
import { assertValidObjectKey, InvalidObjectKeyError } from './object-key.ts';

export interface LocalObjectStoreOptions {
  /** Folder holding the objects, e.g. `${DATA_DIR}/objects`; created on first use. */
  rootDir: string;
  /** HMAC key for media URLs; the API's media route verifies with the same store. */
  signingSecret: string;
  /** Clock in epoch milliseconds; injectable so URL windows can be tested without waiting. */
  now?: () => number;
}

export interface MediaRequest {
  key: string;
  expires: number | string;
  signature: string;
  /** Epoch milliseconds; defaults to the store's clock. */
  now?: number;
}

/** Objects as files under one folder, served by the API through signed, expiring `/media/…` URLs. */
export class LocalObjectStore implements ObjectStore {
  readonly rootDir: string;
  readonly #signingSecret: string;
  readonly #now: () => number;

  constructor({ rootDir, signingSecret, now = Date.now }: LocalObjectStoreOptions) {
    if (signingSecret.length === 0) throw new Error('LocalObjectStore needs a non-empty signingSecret');
    this.rootDir = path.resolve(rootDir);
    this.#signingSecret = signingSecret;
    this.#now = now;
  }

  /**
   * Moves the file into the store: the source is consumed (renamed, or copied then removed across
   * filesystems). `contentType` is not stored; the media route derives it from the key's extension.
   */
  async putFile(key: string, filePath: string, _contentType: string): Promise<void> {
    const destination = this.resolveObjectPath(key);
    // A rename would happily move a whole directory into the store.
    if (!(await stat(filePath)).isFile()) throw new Error(`not a regular file: ${filePath}`);
    await moveFileAtomically(filePath, destination);
  }

  /**
   * A hard link to the stored file where the destination is on the same filesystem (the worker's scratch
   * folder under DATA_DIR is): no bytes are copied, so a 100 MB original costs the worker no copy and no
   * second 100 MB in the page cache. It behaves as a copy because the store never writes a stored file in
   * place: putFile renames a new file over the key and delete unlinks, so the link keeps the bytes it had.
   * Whoever gets the file reads, replaces or deletes it and never writes into it (ffmpeg only reads it).
   * A copy otherwise (another filesystem, or one without hard links).
   */
  async getToFile(key: string, filePath: string): Promise<void> {
    const source = this.resolveObjectPath(key);
    try {
      await linkReplacing(source, filePath).catch(async (error: unknown) => {
        if (errorCode(error) === 'ENOENT') throw error;
        await copyFile(source, filePath);
      });
    } catch (error) {
      // ENOENT may also mean the destination folder is missing; only a missing object is "not found".
      if (errorCode(error) === 'ENOENT' && !(await this.exists(key))) throw new ObjectNotFoundError(key);
      throw error;
    }
  }

  async read(key: string): Promise<AsyncIterable<Uint8Array>> {
    const file = this.resolveObjectPath(key);
    // Opened before it is handed out, so a missing object rejects here rather than mid-answer.
    const handle = await open(file).catch(async (error: unknown) => {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') throw new ObjectNotFoundError(key);
      throw error;
    });
    return handle.createReadStream();
  }

  async delete(keys: readonly string[]): Promise<void> {
    const files = keys.map((key) => this.resolveObjectPath(key));
    // Objects are files (keys never name a folder): one unlink each, a missing one already deleted.
    await Promise.all(files.map((file) => unlink(file).catch(ignoreMissing)));
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.resolveObjectPath(key))).isFile();
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return false;
      throw error;
    }
  }

  async signedUrl(key: string, ttlSeconds: number): Promise<string> {
    assertValidObjectKey(key);
    const expires = roundedExpiry(this.#now(), ttlSeconds);
    const signature = signMediaKey(this.#signingSecret, key, expires);
    return `${MEDIA_ROUTE_PREFIX}${key}?expires=${expires}&signature=${signature}`;
  }

  /** A fresh data folder is created here so readiness passes before the first upload. */
  async ping(): Promise<void> {
    await mkdir(this.rootDir, { recursive: true });
    await access(this.rootDir, constants.R_OK | constants.W_OK);
  }

  /** For the media route: true only for this store's own, unexpired, untampered URL parameters. */
  verifyMediaSignature({ key, expires, signature, now = this.#now() }: MediaRequest): boolean {
    return isValidMediaSignature({ secret: this.#signingSecret, key, expires, signature, nowMs: now });
  }

  /** The absolute file behind a key; throws InvalidObjectKeyError for anything that could leave rootDir. */
  resolveObjectPath(key: string): string {
    assertValidObjectKey(key);
    const file = path.resolve(this.rootDir, key);
    // Second line of defence should the key rule ever be loosened.
    if (!file.startsWith(this.rootDir + path.sep)) throw new InvalidObjectKeyError(key);
    return file;
  }
}

function ignoreMissing(error: unknown): void {
  if (errorCode(error) !== 'ENOENT') throw error;
}

/** `link`, replacing a file already at `to` as a copy would. */
async function linkReplacing(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    await rm(to, { force: true });
    await link(from, to);
  }
}
