import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { documentResumableUploads } from './openapi-resumable.ts';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** The OpenAPI 3.1 document is generated from the same zod schemas that validate requests. */
export const openApi = fp(
  async function openApi(app: FastifyInstance) {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'ANB Rising Stars Showcase API',
          description:
            'Jugadores suben videos de habilidades, el público vota y los rankings muestran a los mejores por ciudad.',
          version: '1.0.0',
        },
        components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      },
      transform: jsonSchemaTransform,
      transformObject: (input) => documentResumableUploads(documentUploadBody(jsonSchemaTransformObject(input))),
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });
  },
  { name: 'openapi' },
);

/** The upload is read as a multipart stream, not through a body schema, so its form is described here. */
function documentUploadBody<T>(document: T): T {
  const upload = (document as { paths?: Record<string, { post?: Record<string, unknown> }> }).paths?.[
    '/api/videos/upload'
  ]?.post;
  if (upload) {
    upload.requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['video_file', 'title'],
            properties: {
              video_file: {
                type: 'string',
                format: 'binary',
                description: 'MP4, ≤ 100 MB, 20–60 s, lado corto ≥ 1080 px',
              },
              title: { type: 'string', minLength: 1, maxLength: 200 },
            },
          },
        },
      },
    };
  }
  return document;
}
