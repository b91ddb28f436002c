import type { preHandlerAsyncHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  checkFileSize,
  uploadTexts,
  UploadRejectedError,
  type OwnVideo,
  type UploadRules,
  type VideoService,
} from '@anb/core';
import { messages } from '../http/messages.ts';
import { HttpProblem } from '../http/problem.ts';
import { problems } from '../schemas/problem.schema.ts';
import { ownVideo, uploadAccepted, videoDeleted, videoDetail, videoIdParams } from '../schemas/video.schema.ts';
import { assertDeclaredSizeWithin, receiveUpload } from '../upload/receive-upload.ts';
import { toIso } from '../http/timestamps.ts';
import { absoluteUrl, videoPageUrl } from '../http/urls.ts';
import { z } from 'zod';
import { titleProblem } from '../upload/title-rules.ts';

export interface VideoRoutesOptions {
  videos: VideoService;
  uploadTmpDir: string;
  uploadRules: UploadRules;
  uploadIdleTimeoutMs: number;
  /** Refuses a start once uploads have closed, and counts it against the player's budget (shared with tus). */
  admitUploadStart: preHandlerAsyncHookHandler;
}

export const videoRoutes: FastifyPluginAsyncZod<VideoRoutesOptions> = async (app, options) => {
  const { videos } = options;
  app.addHook('preHandler', app.requirePlayer);
  app.post(
    '/videos/upload',
    {
      preHandler: options.admitUploadStart,
      config: { unsupportedMediaTypeDetail: messages.notMultipartType },
      schema: {
        tags: ['videos'],
        summary: 'Sube un video (multipart/form-data: video_file y title)',
        consumes: ['multipart/form-data'],
        security: [{ bearerAuth: [] }],
        response: { 201: uploadAccepted, ...problems(400, 401, 415, 429) },
      },
    },
    async function uploadVideo(request, reply) {
      assertDeclaredSizeWithin(request, options.uploadRules.maxBytes);
      if (!request.isMultipart()) {
        throw new HttpProblem({ status: 400, code: 'MISSING_FIELD', detail: messages.notMultipart });
      }
      const upload = await receiveUpload(request, {
        tmpDir: options.uploadTmpDir,
        maxFileBytes: options.uploadRules.maxBytes,
        idleTimeoutMs: options.uploadIdleTimeoutMs,
      });
      try {
        const title = upload.title?.trim();
        const refusal = titleProblem(title);
        if (refusal) throw new HttpProblem(refusal);
        if (!upload.filePath) throw new UploadRejectedError(uploadTexts.missingFile());
        const sizeRefusal = checkFileSize(upload.fileBytes, options.uploadRules);
        if (sizeRefusal) throw new UploadRejectedError(sizeRefusal);
        const videoId = await videos.upload(request.playerId as string, title as string, upload.filePath);
        return reply.code(201).send({ message: uploadTexts.accepted(), task_id: videoId, video_id: videoId });
      } finally {
        await upload.discard();
      }
    },
  );

  app.get(
    '/videos',
    {
      schema: {
        tags: ['videos'],
        summary: 'Lista los videos del jugador autenticado, del más reciente al más antiguo',
        security: [{ bearerAuth: [] }],
        response: { 200: z.array(ownVideo), ...problems(401) },
      },
    },
    async function listOwnVideos(request) {
      const own = await videos.listMine(request.playerId as string);
      return own.map((video) => ({
        video_id: video.id,
        title: video.title,
        status: video.status,
        uploaded_at: toIso(video.uploadedAt),
        processed_at: video.processedAt ? toIso(video.processedAt) : null,
        processed_url: absoluteUrl(request, video.processedUrl),
        poster_url: absoluteUrl(request, video.posterUrl),
        ...(video.failureReason ? { failure_reason: video.failureReason } : {}),
        ...progressWhileProcessing(video),
        ...reasonWhileHidden(video),
        ...(video.status === 'processed'
          ? { votes: video.votes, position: video.cityPosition, page_url: videoPageUrl(app.publicBaseUrl, video.id) }
          : {}),
      }));
    },
  );

  app.get(
    '/videos/:video_id',
    {
      schema: {
        tags: ['videos'],
        summary: 'Detalle de un video propio',
        security: [{ bearerAuth: [] }],
        params: videoIdParams,
        response: { 200: videoDetail, ...problems(401, 403, 404) },
      },
    },
    async function getOwnVideo(request) {
      const video = await videos.getMine(request.playerId as string, request.params.video_id);
      return {
        video_id: video.id,
        title: video.title,
        status: video.status,
        uploaded_at: toIso(video.uploadedAt),
        processed_at: video.processedAt ? toIso(video.processedAt) : null,
        original_url: absoluteUrl(request, video.originalUrl),
        processed_url: absoluteUrl(request, video.processedUrl),
        votes: video.votes,
        ...(video.failureReason ? { failure_reason: video.failureReason } : {}),
        ...progressWhileProcessing(video),
        ...reasonWhileHidden(video),
      };
    },
  );

  app.delete(
    '/videos/:video_id',
    {
      schema: {
        tags: ['videos'],
        summary: 'Elimina un video propio que aún no está publicado',
        security: [{ bearerAuth: [] }],
        params: videoIdParams,
        response: { 200: videoDeleted, ...problems(400, 401, 403, 404) },
      },
    },
    async function deleteOwnVideo(request) {
      await videos.deleteMine(request.playerId as string, request.params.video_id);
      return { message: messages.deleted, video_id: request.params.video_id };
    },
  );
};

/** `progress` is only meaningful (and only sent) while the worker is encoding. */
function progressWhileProcessing(video: OwnVideo): { progress?: number } {
  return video.status === 'processing' && video.progress !== null ? { progress: video.progress } : {};
}

/** The owner learns why an organiser hid their video. */
function reasonWhileHidden(video: OwnVideo): { hidden_reason?: string } {
  return video.status === 'hidden' && video.hiddenReason ? { hidden_reason: video.hiddenReason } : {};
}
