/**
 * The tus endpoints in the OpenAPI document. Their requests are read by the tus server, not through
 * schemas, so the headers that carry the protocol are described here.
 */
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const header = (description: string, schema: Record<string, unknown> = { type: 'string' }) => ({
  description,
  schema,
});
const requestHeader = (name: string, description: string, required = true, schema = { type: 'string' }) => ({
  in: 'header',
  name,
  required,
  description,
  schema,
});
const tusResumable = requestHeader('Tus-Resumable', 'Versión del protocolo: 1.0.0', true, { type: 'string' });
const uploadId = {
  in: 'path',
  name: 'upload_id',
  required: true,
  schema: { type: 'string', pattern: '^[0-9a-f]{32}$' },
};
const security = [{ bearerAuth: [] }];
const tags = ['uploads'];
const common = {
  401: problem('Falta el token o no es válido'),
  404: problem('La subida no existe, ya terminó o es de otro jugador (UPLOAD_NOT_FOUND)'),
};

export function documentResumableUploads<T>(document: T): T {
  const paths = (document as { paths?: Record<string, unknown> }).paths;
  if (!paths) return document;
  paths['/api/uploads'] = {
    post: {
      tags,
      security,
      summary: 'Crea una subida reanudable (tus 1.0, extensión creation)',
      description:
        'Alternativa reanudable a POST /api/videos/upload. Metadatos en Upload-Metadata (pares `clave base64`): ' +
        '`title` (obligatorio, mismas reglas que el multipart), `filename`, `filetype`. Cuenta en el mismo límite ' +
        'de subidas por jugador. La subida expira 24 h después de crearse si no termina.',
      parameters: [
        tusResumable,
        requestHeader('Upload-Length', 'Tamaño total del archivo en bytes (≤ Tus-Max-Size)', true, {
          type: 'integer',
        }),
        requestHeader('Upload-Metadata', 'title (obligatorio), filename, filetype; valores en base64'),
      ],
      responses: {
        201: {
          description: 'Subida creada',
          headers: {
            Location: header('URL relativa de la subida: /api/uploads/{upload_id}'),
            'Upload-Expires': header('Fecha en que expira si no termina (RFC 7231)'),
            'Tus-Resumable': header('1.0.0'),
          },
        },
        400: problem('Falta title (MISSING_FIELD), title inválido (VALIDATION_ERROR) o cabeceras tus inválidas'),
        401: common[401],
        412: problem('Falta Tus-Resumable (TUS_VERSION_REQUIRED)'),
        413: problem('Upload-Length supera Tus-Max-Size (FILE_TOO_LARGE)'),
        429: problem('Límite de subidas del jugador alcanzado (UPLOAD_LIMIT)'),
      },
    },
    options: {
      tags,
      summary: 'Capacidades del servidor tus (sin token)',
      responses: {
        204: {
          description: 'Versión, extensiones y tamaño máximo',
          headers: {
            'Tus-Version': header('1.0.0'),
            'Tus-Extension': header('creation,creation-with-upload,creation-defer-length,termination,expiration'),
            'Tus-Max-Size': header('Tamaño máximo de una subida en bytes (UPLOAD_MAX_BYTES)', { type: 'integer' }),
          },
        },
      },
    },
  };
  paths['/api/uploads/{upload_id}'] = {
    head: {
      tags,
      security,
      summary: 'Avance de una subida propia',
      parameters: [uploadId, tusResumable],
      responses: {
        200: {
          description: 'Bytes recibidos hasta ahora',
          headers: {
            'Upload-Offset': header('Bytes recibidos', { type: 'integer' }),
            'Upload-Length': header('Tamaño total', { type: 'integer' }),
            'Upload-Metadata': header('Metadatos de la creación'),
            'Cache-Control': header('no-store'),
          },
        },
        401: common[401],
        404: { description: 'La subida no existe o es de otro jugador (sin cuerpo: HEAD)' },
        410: { description: 'La subida expiró (sin cuerpo: HEAD)' },
      },
    },
    patch: {
      tags,
      security,
      summary: 'Envía bytes desde Upload-Offset; el último PATCH registra y encola el video',
      description:
        'Cuerpo application/offset+octet-stream. Cuando llega el último byte, el archivo se revisa igual que en ' +
        'POST /api/videos/upload: si se acepta responde 204 con la cabecera Video-Id; si no, 400 problem+json con ' +
        'el mismo código y detalle que el multipart, y no queda nada guardado.',
      parameters: [
        uploadId,
        tusResumable,
        requestHeader('Upload-Offset', 'Bytes ya recibidos (lo que informó HEAD)', true, { type: 'integer' }),
      ],
      requestBody: {
        required: true,
        content: { 'application/offset+octet-stream': { schema: { type: 'string', format: 'binary' } } },
      },
      responses: {
        204: {
          description: 'Bytes aceptados; en el último PATCH, video registrado y encolado',
          headers: {
            'Upload-Offset': header('Nuevo avance', { type: 'integer' }),
            'Upload-Expires': header('Expiración mientras no termine'),
            'Video-Id': header('Solo en el último PATCH: el video_id del video registrado', {
              type: 'string',
              format: 'uuid',
            }),
          },
        },
        400: problem('El archivo terminado no es válido: mismo código y detalle que POST /api/videos/upload'),
        401: common[401],
        404: common[404],
        409: problem('Upload-Offset no coincide con lo recibido (UPLOAD_OFFSET_MISMATCH)'),
        410: problem('La subida expiró (UPLOAD_EXPIRED)'),
        413: problem('Más bytes que Upload-Length (FILE_TOO_LARGE)'),
        415: problem('Content-Type distinto de application/offset+octet-stream'),
      },
    },
    delete: {
      tags,
      security,
      summary: 'Cancela una subida propia sin terminar (extensión termination)',
      parameters: [uploadId, tusResumable],
      responses: { 204: { description: 'Subida eliminada' }, 401: common[401], 404: common[404] },
    },
    options: {
      tags,
      summary: 'Capacidades del servidor tus (sin token)',
      parameters: [uploadId],
      responses: { 204: { description: 'Como OPTIONS /api/uploads' } },
    },
  };
  return document;
}
