import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, uploadTexts } from '@anb/core';
import { problemForDomainError, refusalProblem } from '../http/domain-problems.ts';
import { messages } from '../http/messages.ts';
import { HttpProblem, sendProblem, type FieldProblem, type Problem } from '../http/problem.ts';
import { ClientGoneError } from '../upload/client-gone-error.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The `detail` of a 400 for a body that fails its schema (the contract fixes some). */
    invalidBodyDetail?: string;
    /** The `detail` of a 415 when the route takes something other than JSON. */
    unsupportedMediaTypeDetail?: string;
  }
}

export interface ErrorHandlerOptions {
  /** Whether an error means a dependency is down for now (answered 503), not that the request failed. */
  isOutage(error: unknown): boolean;
  /** UPLOAD_MAX_BYTES, named in the refusal of a file over it. */
  maxUploadBytes: number;
}

/** Seconds a client is told to wait while a dependency is down. */
const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** Fastify's and @fastify/multipart's own errors, as the contract answers them. */
const frameworkProblems: Record<string, Omit<Problem, 'errors'>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: messages.unsupportedMediaType,
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', detail: messages.bodyTooLarge },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'VALIDATION_ERROR', detail: messages.malformedJson },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'VALIDATION_ERROR', detail: messages.malformedJson },
  FST_FILES_LIMIT: { status: 400, code: 'UNSUPPORTED_TYPE', detail: messages.tooManyFiles },
  FST_PARTS_LIMIT: { status: 400, code: 'VALIDATION_ERROR', detail: messages.invalidRequest },
  FST_FIELDS_LIMIT: { status: 400, code: 'VALIDATION_ERROR', detail: messages.invalidRequest },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 400, code: 'MISSING_FIELD', detail: messages.notMultipart },
  FST_PROTO_VIOLATION: { status: 400, code: 'VALIDATION_ERROR', detail: messages.invalidRequest },
};

export const errorHandler = fp(
  async function errorHandler(app: FastifyInstance, options: ErrorHandlerOptions) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (isClientGone(error, request)) {
        request.log.info({ reason: error.message }, 'client went away before the request was read');
        return sendProblem(reply, { status: 400, code: 'CLIENT_GONE', detail: messages.invalidRequest });
      }
      if (options.isOutage(error)) {
        request.log.warn({ err: error }, 'dependency unavailable');
        reply.header('retry-after', OUTAGE_RETRY_AFTER_SECONDS);
        return sendProblem(reply, { status: 503, code: 'SERVICE_UNAVAILABLE', detail: messages.unavailable });
      }
      return sendProblem(reply, toProblem(error, request, reply, options));
    });
    app.setNotFoundHandler((_request, reply) =>
      sendProblem(reply, { status: 404, code: 'NOT_FOUND', detail: messages.routeNotFound }),
    );
  },
  { name: 'error-handler' },
);

function toProblem(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
  options: ErrorHandlerOptions,
): Problem {
  if (error instanceof HttpProblem) return error.problem;
  if (error instanceof DomainError) return problemForDomainError(error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors: FieldProblem[] = error.validation.map((issue) => ({
      path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: issue.message ?? 'inválido',
    }));
    const detail =
      error.validationContext === 'body'
        ? (request.routeOptions.config.invalidBodyDetail ?? messages.invalidRequest)
        : messages.invalidQuery;
    return { status: 400, code: 'VALIDATION_ERROR', detail, errors };
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' && request.routeOptions.config.unsupportedMediaTypeDetail) {
    return {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: request.routeOptions.config.unsupportedMediaTypeDetail,
    };
  }
  // @fastify/multipart's own size error; receive-upload.ts normally refuses the file first.
  if (error.code === 'FST_REQ_FILE_TOO_LARGE') {
    return refusalProblem(uploadTexts.fileTooLarge({ maxBytes: options.maxUploadBytes }));
  }
  const known = error.code ? frameworkProblems[error.code] : undefined;
  if (known) return known;
  if (error.statusCode === 429) {
    const retryAfter = Number(reply.getHeader('retry-after')) || 60;
    return { status: 429, code: 'TOO_MANY_REQUESTS', detail: messages.tooManyRequests(retryAfter) };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, code: 'BAD_REQUEST', detail: messages.invalidRequest };
  }
  request.log.error({ err: error }, 'unhandled error');
  return { status: 500, code: 'INTERNAL_ERROR', detail: messages.internalError };
}

/** The client closed the connection or stopped sending mid-body: nobody reads the answer. */
function isClientGone(error: FastifyError, request: FastifyRequest): boolean {
  if (error instanceof ClientGoneError) return true;
  const socketClosed = request.raw.socket?.destroyed === true;
  return socketClosed && !request.raw.complete && !(error instanceof HttpProblem) && !(error.statusCode ?? 0);
}
