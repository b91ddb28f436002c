import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Server, type ServerOptions } from '@tus/server';
import type { Upload } from '@tus/utils';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { NodeRequest, sendNodeResponse } from 'srvx/node';
import {
  uploadTexts,
  UploadRejectedError,
  type UnfinishedUploadRepository,
  type UploadRules,
  type VideoService,
} from '@anb/core';
import { problemForDomainError, refusalProblem } from '../http/domain-problems.ts';
import { messages } from '../http/messages.ts';
import type { LingerLimits } from '../http/lingering-close.ts';
import { HttpProblem } from '../http/problem.ts';
import { dropWhenIdle } from '../upload/drop-when-idle.ts';
import type { ResumableStore } from '../upload/resumable/resumable-store.ts';
import { tusAnswer } from '../upload/resumable/tus-answer.ts';
import { TUS_EXPOSED_HEADERS } from '../upload/resumable/tus-headers.ts';
import { asProblemResponse, problemAnswer, problemError } from '../upload/resumable/tus-problems.ts';
import { titleProblem } from '../upload/title-rules.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Read by @fastify/cors per route (false: leave the route alone); its types do not declare it. */
    cors?: false;
  }
}

export interface UploadRoutesOptions {
  videos: VideoService;
  store: ResumableStore;
  /** Mount point of the plugin, so the tus server knows its own path. */
  mountPath: string;
  uploadRules: UploadRules;
  uploadIdleTimeoutMs: number;
  /** Refuses a start once uploads have closed, and counts it against the player's budget (shared with multipart). */
  admitUploadStart: preHandlerAsyncHookHandler;
  /** The places of unfinished uploads: each player holds at most `maxUnfinished` at once. */
  unfinishedUploads: UnfinishedUploadRepository;
  maxUnfinished: number;
  /** Whether an error means a dependency (the database) is down for now: answered 503, not 500. */
  isOutage(error: unknown): boolean;
  /** CORS_ORIGINS: the tus server writes the CORS headers of the answers it sends. */
  corsOrigins: string;
  /** How long a refused body still arriving is read before the connection closes. */
  lingerLimits: LingerLimits;
}

/** The upload id in URLs: 32 hex characters; the store's id adds the store's prefix. */
const URL_ID = /^[0-9a-f]{32}$/;
/** The metadata a client may set; anything else is dropped. `owner` is ours, from the token. */
const CLIENT_METADATA = ['title', 'filename', 'filetype'] as const;

/**
 * tus 1.0 resumable uploads (core, creation, termination, expiration) at `/api/uploads`, beside the
 * multipart endpoint. Fastify authenticates and checks ownership, then hands the raw request to the
 * tus server; the finished file goes through the same check as a multipart upload.
 */
export const uploadRoutes: FastifyPluginAsync<UploadRoutesOptions> = async (app, options) => {
  const { store, videos } = options;
  const path = `${options.mountPath}/uploads`;
  /** The player of each request being handed to the tus server, for its hooks. */
  const playerOf = new WeakMap<IncomingMessage, string>();
  /** The upload whose place a creation request took, freed again if the creation fails after all. */
  const placeTakenBy = new WeakMap<IncomingMessage, string>();
  const tus = new Server({
    path,
    datastore: store.datastore,
    maxSize: options.uploadRules.maxBytes,
    namingFunction: () => store.idPrefix + randomBytes(16).toString('hex'),
    // A relative Location (tus 1.0 allows it): right behind any proxy or load balancer, never built from Host.
    generateUrl: (_request, { id }) => `${path}/${id.slice(store.idPrefix.length)}`,
    getFileIdFromRequest: (_request, lastPath) =>
      lastPath && URL_ID.test(lastPath) ? store.idPrefix + lastPath : undefined,
    exposedHeaders: TUS_EXPOSED_HEADERS,
    // tus-js-client's optional request id, beside the tus headers the server always allows.
    allowedHeaders: ['X-Request-ID'],
    ...allowedOrigins(options.corsOrigins),
    onUploadCreate: async (request, upload) => {
      const owner = playerOf.get(request.runtime?.node?.req as IncomingMessage);
      if (!owner) throw new Error('a tus creation reached the server without an authenticated player');
      // Nothing to resume in an empty file: refused as the multipart endpoint refuses it, whatever the title.
      if (upload.size === 0) throw problemError(refusalProblem(uploadTexts.emptyFile()));
      const title = upload.metadata?.title?.trim();
      const refusal = titleProblem(title);
      if (refusal) throw problemError(refusal);
      await takePlace(request.runtime?.node?.req as IncomingMessage, upload.id, owner);
      return { metadata: { ...clientMetadata(upload), title: title as string, owner } };
    },
    onUploadFinish: async (_request, upload) => finish(upload),
    onResponseError: (_request, error) => {
      if (error instanceof Error) {
        app.log.error({ err: error }, 'resumable upload failed');
        if (options.isOutage(error)) return problemError(unavailable);
      }
      return undefined;
    },
  });

  /** Records the unfinished upload, or refuses it when the player already has as many as allowed. */
  async function takePlace(raw: IncomingMessage, id: string, ownerId: string) {
    const expiresAt = new Date(Date.now() + store.datastore.getExpiration());
    if (!(await options.unfinishedUploads.reserve({ id, ownerId, expiresAt }, options.maxUnfinished))) {
      const detail = messages.unfinishedUploadsLimit(options.maxUnfinished);
      throw problemError({ status: 429, code: 'UNFINISHED_UPLOADS_LIMIT', detail });
    }
    placeTakenBy.set(raw, id);
  }

  const freePlace = (id: string) =>
    options.unfinishedUploads
      .release(id)
      .catch((error: unknown) => app.log.warn({ err: error, uploadId: id }, 'freeing an upload place failed'));

  /** The file is checked like a multipart upload; accepted or refused, the tus upload is removed. */
  async function finish(upload: Upload) {
    const { owner, title } = upload.metadata ?? {};
    try {
      const videoId = await store.withFinishedFile(upload.id, (filePath) =>
        videos.upload(owner as string, title as string, filePath),
      );
      return { status_code: 204, headers: { 'Video-Id': videoId } };
    } catch (error) {
      if (error instanceof UploadRejectedError) return problemAnswer(problemForDomainError(error));
      throw error;
    } finally {
      await store.discard(upload.id);
      await freePlace(upload.id);
    }
  }

  /** Only the creator may see, resume or terminate an upload; to anyone else it does not exist. */
  const requireOwnUpload = async (request: FastifyRequest) => {
    const id = uploadIdOf(request);
    if (!URL_ID.test(id)) throw notFound();
    const upload = await store.datastore.getUpload(store.idPrefix + id).catch((error: unknown) => {
      if ((error as { status_code?: number }).status_code === 410) {
        throw new HttpProblem({ status: 410, code: 'UPLOAD_EXPIRED', detail: messages.resumableExpired });
      }
      throw notFound();
    });
    if (upload.metadata?.owner !== request.playerId) throw notFound();
  };

  /** tus 1.0: a PATCH body is `application/offset+octet-stream`, anything else is 415 (the tus server says 400 or 403). */
  const requireOffsetOctetStream = async (request: FastifyRequest) => {
    if (request.method !== 'PATCH') return;
    const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (mediaType !== TUS_PATCH_TYPE) {
      throw new HttpProblem({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: messages.resumableContentType });
    }
  };

  const handOff = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.playerId) playerOf.set(request.raw, request.playerId);
    const stopWatching = dropWhenIdle(request, options.uploadIdleTimeoutMs);
    reply.hijack();
    try {
      const answer = await tus.handleWeb(new NodeRequest({ req: request.raw, res: reply.raw }));
      const placeTaken = placeTakenBy.get(request.raw);
      if (placeTaken && answer.status >= 400) await freePlace(placeTaken);
      // A cancelled upload frees its place before the 204 goes out, so the client may start another at once;
      // expiry frees it by itself (reserve ignores expired ones).
      if (request.method === 'DELETE' && answer.status === 204) await freePlace(store.idPrefix + uploadIdOf(request));
      const problemOrAnswer = await asProblemResponse(answer, request.method, options.uploadRules.maxBytes);
      await sendNodeResponse(reply.raw, tusAnswer(problemOrAnswer, request.raw, options.lingerLimits));
    } finally {
      stopWatching();
    }
  };

  // The tus server reads the bodies itself: no parser may consume them, whatever their type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  app.post('/uploads', { preHandler: [app.requirePlayer, options.admitUploadStart] }, handOff);
  app.route({
    method: ['HEAD', 'PATCH', 'DELETE'],
    url: '/uploads/:upload_id',
    preHandler: [app.requirePlayer, requireOwnUpload, requireOffsetOctetStream],
    handler: handOff,
  });
  // Discovery (Tus-Version, Tus-Extension, Tus-Max-Size) and a browser's preflight need no token;
  // the tus server answers both, with the tus request headers allowed.
  const tusAnswersOptions = { config: { cors: false as const } };
  app.options('/uploads', tusAnswersOptions, handOff);
  app.options('/uploads/:upload_id', tusAnswersOptions, handOff);
};

const TUS_PATCH_TYPE = 'application/offset+octet-stream';
const uploadIdOf = (request: FastifyRequest) => (request.params as { upload_id: string }).upload_id;
const unavailable = { status: 503, code: 'SERVICE_UNAVAILABLE', detail: messages.unavailable };
const notFound = () => new HttpProblem({ status: 404, code: 'UPLOAD_NOT_FOUND', detail: messages.resumableNotFound });

function clientMetadata(upload: Upload): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const key of CLIENT_METADATA) {
    const value = upload.metadata?.[key];
    if (typeof value === 'string') kept[key] = value;
  }
  return kept;
}

function allowedOrigins(corsOrigins: string): Pick<ServerOptions, 'allowedOrigins'> {
  if (corsOrigins === '*') return {};
  return { allowedOrigins: corsOrigins.split(',').map((origin) => origin.trim()) };
}
