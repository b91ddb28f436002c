/**
 * Builds `postman/anb.postman_collection.json`, the organiser-style Postman/Newman collection of
 * the public HTTP contract (the endpoint table in the root README.md, `## The API`). The collection is the artifact clients import;
 * this file is only its source: run `node scripts/e2e-collection.ts` after editing and commit both.
 *
 * Every request asserts status, Content-Type, body fields and the contract's Spanish texts, and is
 * documented (parameters, example success and error answers).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { accountsFolder, confirmEmailWhenRequired } from './e2e-accounts-folder.ts';
import { organiserFolder } from './e2e-organiser-folder.ts';
import {
  folderItem,
  problem,
  q,
  re,
  serialise,
  type Example,
  type Folder,
  type RequestSpec,
} from './postman-builder.ts';

/** Shared helpers installed at the collection level, available to every test script. */
const collectionPrerequest = String.raw`
if (!pm.collectionVariables.get('run_id')) {
  const runId = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
  pm.collectionVariables.set('run_id', runId);
  pm.collectionVariables.set('email_a', 'ana.' + runId + '@e2e.anb.test');
  pm.collectionVariables.set('email_b', 'bruno.' + runId + '@e2e.anb.test');
  pm.collectionVariables.set('city', 'Cúcuta ' + runId);
  pm.collectionVariables.set('password', 'Clave-Segura-' + runId);
  pm.collectionVariables.set('missing_id', '01900000-0000-7000-8000-000000000000');
}
`;

const texts = {
  signupCreated: 'Usuario creado exitosamente.',
  signupInvalid: 'Error de validación (email duplicado, contraseñas no coinciden).',
  invalidCredentials: 'Credenciales inválidas.',
  missingToken: 'Falta de autenticación.',
  invalidToken: 'El usuario no está autenticado o el token JWT es inválido o expirado.',
  uploadAccepted: 'Video subido correctamente. Procesamiento en curso.',
  invalidFile: 'Error en el archivo (tipo o tamaño inválido)',
  viewForbidden: 'El usuario autenticado no tiene permisos para acceder a este video (no es el propietario).',
  viewNotFound: 'El video con el video_id especificado no existe o no pertenece al usuario.',
  deleted: 'El video ha sido eliminado exitosamente.',
  deleteRefused:
    'El video no puede ser eliminado porque no cumple las condiciones (por ejemplo, ya está habilitado para votación).',
  deleteForbidden: 'El usuario autenticado no tiene permisos para eliminar este video (no es el propietario).',
  deleteNotFound: 'El video con el video_id especificado no existe o no pertenece al usuario autenticado.',
  voteCounted: 'Voto registrado exitosamente.',
  duplicateVote: 'Ya has votado por este video.',
  ownVideoVote: 'No puedes votar por tu propio video.',
  publicVideoNotFound: 'Video no encontrado.',
  invalidQuery: 'Parámetro inválido en la consulta.',
} as const;

const exampleId = '01939a4e-7b3c-7d2e-9f10-2b3c4d5e6f70';
const ex401 = (): Example => ({
  name: '401 sin token',
  code: 401,
  body: problem(401, texts.missingToken, 'UNAUTHENTICATED'),
});

const signupBody = (email: string, first: string, last: string) => ({
  first_name: first,
  last_name: last,
  email,
  password1: '{{password}}',
  password2: '{{password}}',
  city: '{{city}}',
  country: 'Colombia',
});

const health: Folder = {
  name: '0. Operación',
  description: 'Liveness y readiness (extensiones nuestras). Sin autenticación.',
  items: [
    {
      name: 'Liveness',
      method: 'GET',
      path: '/health',
      description: 'Responde 200 `{"status":"ok"}` mientras el proceso vive; no consulta dependencias.',
      tests: `expectStatus(200); expectJson(); pm.test('status ok', () => pm.expect(body.status).to.eql('ok'));`,
      examples: [{ name: '200 vivo', code: 200, body: { status: 'ok' } }],
    },
    {
      name: 'Readiness',
      method: 'GET',
      path: '/health/ready',
      description:
        'Base de datos, almacenamiento y cola alcanzables: 200 `{"status":"ready","checks":{...}}`; si alguna falla, 503 problem+json con code `NOT_READY`.',
      tests: `expectStatus(200); expectJson();
pm.test('ready con checks', () => { pm.expect(body.status).to.eql('ready'); pm.expect(body.checks).to.be.an('object'); Object.values(body.checks).forEach((v) => pm.expect(v).to.eql('ok')); });`,
      examples: [
        {
          name: '200 listo',
          code: 200,
          body: { status: 'ready', checks: { database: 'ok', storage: 'ok', queue: 'ok' } },
        },
        {
          name: '503 no listo',
          code: 503,
          body: {
            type: 'about:blank',
            title: 'Service Unavailable',
            status: 503,
            detail: 'El servicio no está listo. (database)',
            code: 'NOT_READY',
          },
        },
      ],
    },
  ],
};

const auth: Folder = {
  name: '1. Autenticación',
  description:
    'Registro y login. Cada ejecución crea sus propios usuarios con emails únicos (`run_id`) y una ciudad única, así rankings y listados por ciudad son deterministas.',
  items: [
    {
      name: 'Registro jugadora A',
      method: 'POST',
      path: '/auth/signup',
      json: signupBody('{{email_a}}', 'Ana', 'Pérez'),
      description:
        'Body JSON: `first_name`, `last_name`, `email` (único sin importar mayúsculas), `password1`, `password2` (iguales, ≥ 8 caracteres), `city`, `country`. 201 con `message` y `user_id`.',
      tests: `expectStatus(201); expectJson();
pm.test('mensaje de registro', () => pm.expect(body.message).to.eql(${q(texts.signupCreated)}));
pm.test('user_id', () => pm.expect(body.user_id).to.match(UUID));
pm.collectionVariables.set('user_a', body && body.user_id);`,
      examples: [
        { name: '201 creado', code: 201, body: { message: texts.signupCreated, user_id: exampleId } },
        {
          name: '400 email duplicado',
          code: 400,
          body: problem(400, `${texts.signupInvalid.slice(0, -1)}: el email ya está registrado.`, 'EMAIL_TAKEN'),
        },
      ],
    },
    {
      name: 'Registro jugador B',
      method: 'POST',
      path: '/auth/signup',
      json: signupBody('{{email_b}}', 'Bruno', 'Díaz'),
      description: 'Segundo usuario: vota por el video de A y prueba los permisos (403) sobre videos ajenos.',
      tests: `expectStatus(201); expectJson();
pm.test('mensaje de registro', () => pm.expect(body.message).to.eql(${q(texts.signupCreated)}));
pm.collectionVariables.set('user_b', body && body.user_id);`,
      examples: [{ name: '201 creado', code: 201, body: { message: texts.signupCreated, user_id: exampleId } }],
    },
    {
      name: 'Registro con email duplicado (400)',
      method: 'POST',
      path: '/auth/signup',
      json: { ...signupBody('{{email_a}}', 'Ana', 'Pérez'), email: 'ANA.{{run_id}}@E2E.ANB.TEST' },
      description: 'El email se compara sin importar mayúsculas: 400 con code `EMAIL_TAKEN`.',
      tests: `expectProblem(400, ${re(texts.signupInvalid.slice(0, -1))}, 'EMAIL_TAKEN');`,
      examples: [
        {
          name: '400 email duplicado',
          code: 400,
          body: problem(400, `${texts.signupInvalid.slice(0, -1)}: el email ya está registrado.`, 'EMAIL_TAKEN'),
        },
      ],
    },
    {
      name: 'Registro con contraseñas distintas (400)',
      method: 'POST',
      path: '/auth/signup',
      json: { ...signupBody('otra.{{run_id}}@e2e.anb.test', 'Otra', 'Persona'), password2: 'No-Coincide-123' },
      description: '`password1` ≠ `password2`: 400 con code `PASSWORD_MISMATCH`.',
      tests: `expectProblem(400, ${re(texts.signupInvalid.slice(0, -1))}, 'PASSWORD_MISMATCH');`,
      examples: [
        {
          name: '400 contraseñas distintas',
          code: 400,
          body: problem(400, `${texts.signupInvalid.slice(0, -1)}: las contraseñas no coinciden.`, 'PASSWORD_MISMATCH'),
        },
      ],
    },
    {
      name: 'Registro con campos faltantes (400)',
      method: 'POST',
      path: '/auth/signup',
      json: { email: 'no-es-un-email' },
      description: 'Campos obligatorios ausentes o inválidos: 400 `VALIDATION_ERROR` con `errors: [{path, message}]`.',
      tests: `expectProblem(400, ${q(texts.signupInvalid)}, 'VALIDATION_ERROR');
pm.test('errors por campo', () => { pm.expect(body.errors).to.be.an('array').that.is.not.empty; pm.expect(body.errors.map((e) => e.path)).to.include('first_name'); });`,
      examples: [
        {
          name: '400 validación',
          code: 400,
          body: problem(400, texts.signupInvalid, 'VALIDATION_ERROR', [
            { path: 'first_name', message: 'Invalid input' },
          ]),
        },
      ],
    },
    {
      name: 'Registro con cuerpo de texto (415)',
      method: 'POST',
      path: '/auth/signup',
      rawBody: { contentType: 'text/plain', body: 'no es json' },
      description: 'Los endpoints JSON sólo aceptan `application/json`: 415 `UNSUPPORTED_MEDIA_TYPE` (nuestro).',
      tests: `expectProblem(415, 'Tipo de contenido no admitido: envía application/json.', 'UNSUPPORTED_MEDIA_TYPE');`,
      examples: [
        {
          name: '415 tipo no admitido',
          code: 415,
          body: problem(415, 'Tipo de contenido no admitido: envía application/json.', 'UNSUPPORTED_MEDIA_TYPE'),
        },
      ],
    },
    {
      name: 'Login jugadora A',
      method: 'POST',
      path: '/auth/login',
      json: { email: '{{email_a}}', password: '{{password}}' },
      description: 'Body `{email, password}`. 200 `{access_token, token_type: "Bearer", expires_in: 3600}`.',
      tests: `expectStatus(200); expectJson();
pm.test('token JWT Bearer', () => { pm.expect(body.access_token.split('.')).to.have.length(3); pm.expect(body.token_type).to.eql('Bearer'); pm.expect(body.expires_in).to.be.a('number').above(0); });
pm.collectionVariables.set('token_a', body && body.access_token);`,
      examples: [
        {
          name: '200 token',
          code: 200,
          body: {
            access_token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIuLi4ifQ.firma',
            token_type: 'Bearer',
            expires_in: 3600,
          },
        },
        {
          name: '401 credenciales inválidas',
          code: 401,
          body: problem(401, texts.invalidCredentials, 'INVALID_CREDENTIALS'),
        },
      ],
    },
    {
      name: 'Login jugador B',
      method: 'POST',
      path: '/auth/login',
      json: { email: '{{email_b}}', password: '{{password}}' },
      description: 'Token del segundo usuario.',
      tests: `expectStatus(200); expectJson();
pm.test('token', () => pm.expect(body.access_token).to.be.a('string'));
pm.collectionVariables.set('token_b', body && body.access_token);`,
      examples: [
        { name: '200 token', code: 200, body: { access_token: 'eyJ...', token_type: 'Bearer', expires_in: 3600 } },
      ],
    },
    confirmEmailWhenRequired('a', 'Ana'),
    confirmEmailWhenRequired('b', 'Bruno'),
    {
      name: 'Login con contraseña incorrecta (401)',
      method: 'POST',
      path: '/auth/login',
      json: { email: '{{email_a}}', password: 'Incorrecta-123' },
      description: 'Misma respuesta exista o no el email.',
      tests: `expectProblem(401, ${q(texts.invalidCredentials)}, 'INVALID_CREDENTIALS');`,
      examples: [{ name: '401', code: 401, body: problem(401, texts.invalidCredentials, 'INVALID_CREDENTIALS') }],
    },
    {
      name: 'Login con email inexistente (401)',
      method: 'POST',
      path: '/auth/login',
      json: { email: 'nadie.{{run_id}}@e2e.anb.test', password: 'Incorrecta-123' },
      description: 'Igual que una contraseña incorrecta: no revela si el email existe.',
      tests: `expectProblem(401, ${q(texts.invalidCredentials)}, 'INVALID_CREDENTIALS');`,
      examples: [{ name: '401', code: 401, body: problem(401, texts.invalidCredentials, 'INVALID_CREDENTIALS') }],
    },
    {
      name: 'Login sin contraseña (400)',
      method: 'POST',
      path: '/auth/login',
      json: { email: '{{email_a}}' },
      description: 'Cuerpo incompleto: 400 `VALIDATION_ERROR`.',
      tests: `expectProblem(400, /./, 'VALIDATION_ERROR');`,
      examples: [{ name: '400', code: 400, body: problem(400, 'La solicitud no es válida.', 'VALIDATION_ERROR') }],
    },
  ],
};

const upload = (
  name: string,
  src: string | undefined,
  title: string | undefined,
  auth: string | null = '{{token_a}}',
) => ({
  name,
  method: 'POST' as const,
  path: '/videos/upload',
  auth: auth ?? undefined,
  form: [
    ...(title === undefined ? [] : [{ key: 'title', value: title }]),
    ...(src === undefined ? [] : [{ key: 'video_file', src }]),
  ],
});

const uploadDoc =
  '`multipart/form-data`: `video_file` (MP4 comprobado por contenido, ≤ 100 MB, 20–60 s, lado corto ≥ 1080) y `title` (1–200 caracteres). Requiere `Authorization: Bearer`. Responde 201 de inmediato; el procesamiento ocurre en segundo plano.';

/** `detail` is JavaScript source for the test (a regular expression literal). */
const rejected = (
  name: string,
  src: string,
  code: string,
  detail: string,
  example: string,
  description: string,
): RequestSpec => ({
  ...upload(name, src, 'Archivo rechazado'),
  description: `${uploadDoc}\n\n${description}`,
  tests: `expectProblem(400, ${detail}, '${code}');`,
  examples: [{ name: `400 ${code}`, code: 400, body: problem(400, example, code) }],
});

/** The refusal's exact text, from the limit `GET /upload-rules` reported (a regular expression without it). */
const expectFileTooLarge = String.raw`const maxBytes = Number(pm.collectionVariables.get('max_bytes'));
const megabytes = maxBytes / 1048576;
const limitText = Number.isInteger(megabytes) ? String(megabytes) : megabytes.toFixed(1).replace('.', ',');
expectProblem(400, maxBytes > 0 ? ${q(`${texts.invalidFile}: el archivo supera el máximo de `)} + limitText + ' MB.' : ${re(texts.invalidFile)}, 'FILE_TOO_LARGE');`;

/**
 * A file 1 MiB over the server's limit (\`e2e-over-limit.bin\`, made by \`npm run e2e\`): more than the
 * declared-size tolerance, so the API refuses it before reading the body when the size is declared.
 */
const overLimit = (name: string, chunked: boolean, description: string): RequestSpec => ({
  ...upload(name, 'e2e-over-limit.bin', 'Archivo demasiado grande'),
  chunked,
  description: `${uploadDoc}\n\n${description} El archivo lo genera \`npm run e2e\`: 1 MiB más que \`UPLOAD_MAX_BYTES\` (101 MiB con el límite de 100 MiB).`,
  tests: expectFileTooLarge,
  examples: [
    {
      name: '400 FILE_TOO_LARGE',
      code: 400,
      body: problem(400, `${texts.invalidFile}: el archivo supera el máximo de 100 MB.`, 'FILE_TOO_LARGE'),
    },
  ],
});

const videos: Folder = {
  name: '2. Videos del jugador',
  description:
    'Subida, listado, detalle y borrado de los videos propios (JWT). Los archivos de prueba los genera `npm run e2e` (ffmpeg) en el directorio de trabajo de newman.',
  items: [
    {
      name: 'Reglas de subida',
      method: 'GET',
      path: '/upload-rules',
      description:
        'Extensión nuestra, sin autenticación: las reglas del concurso que aplica este despliegue (de su configuración), para revisar el archivo antes de enviarlo. La aplicación web las usa.',
      tests: `expectStatus(200); expectJson();
pm.test('reglas del organizador', () => pm.expect(body).to.include({ min_seconds: 20, max_seconds: 60, min_short_side: 1080, title_max_length: 200 }));
pm.test('tamaño máximo en bytes', () => pm.expect(body.max_bytes).to.be.a('number').and.above(0));
pm.collectionVariables.set('max_bytes', body && body.max_bytes);
pm.test('solo MP4', () => pm.expect(body.accepted_types).to.eql(['video/mp4']));
pm.test('resumen en español', () => pm.expect(body.summary).to.match(/^MP4 de 20 a 60 segundos/));`,
      examples: [
        {
          name: '200 reglas',
          code: 200,
          body: {
            accepted_types: ['video/mp4'],
            max_bytes: 104857600,
            min_seconds: 20,
            max_seconds: 60,
            min_short_side: 1080,
            title_max_length: 200,
            summary: 'MP4 de 20 a 60 segundos, 1080p o más (el lado corto de al menos 1080 px), hasta 100 MB.',
          },
        },
      ],
    },
    {
      ...upload('Subir sin token (401)', 'e2e-valid.mp4', 'Sin token', null),
      description: `${uploadDoc}\n\nSin \`Authorization\`: 401 "${texts.missingToken}".`,
      tests: `expectProblem(401, ${q(texts.missingToken)});`,
      examples: [ex401()],
    },
    {
      ...upload(
        'Subir con token inválido (401)',
        'e2e-valid.mp4',
        'Token malo',
        'eyJhbGciOiJIUzI1NiJ9.e30.firma-falsa',
      ),
      description: `Token mal firmado o expirado: 401 "${texts.invalidToken}".`,
      tests: `expectProblem(401, ${q(texts.invalidToken)});`,
      examples: [{ name: '401 token inválido', code: 401, body: problem(401, texts.invalidToken, 'INVALID_TOKEN') }],
    },
    {
      name: 'Subir sin multipart (400)',
      method: 'POST',
      path: '/videos/upload',
      auth: '{{token_a}}',
      json: { title: 'JSON no sirve' },
      description: 'Un cuerpo que no es multipart/form-data: 400 `MISSING_FIELD`.',
      tests: `expectProblem(400, ${re(texts.invalidFile)}, 'MISSING_FIELD');`,
      examples: [
        { name: '400 MISSING_FIELD', code: 400, body: problem(400, texts.invalidFile + '.', 'MISSING_FIELD') },
      ],
    },
    {
      ...upload('Subir sin título (400)', 'e2e-valid.mp4', undefined),
      description: 'Falta `title`: 400 `MISSING_FIELD`.',
      tests: `expectProblem(400, 'Falta el título del video (campo title).', 'MISSING_FIELD');`,
      examples: [
        {
          name: '400 MISSING_FIELD',
          code: 400,
          body: problem(400, 'Falta el título del video (campo title).', 'MISSING_FIELD'),
        },
      ],
    },
    {
      ...upload('Subir sin archivo (400)', undefined, 'Sin archivo'),
      description: 'Falta `video_file`: 400 `MISSING_FIELD`.',
      tests: `expectProblem(400, ${re(texts.invalidFile)}, 'MISSING_FIELD');`,
      examples: [
        {
          name: '400 MISSING_FIELD',
          code: 400,
          body: problem(400, texts.invalidFile + ': falta el archivo de video (campo video_file).', 'MISSING_FIELD'),
        },
      ],
    },
    rejected(
      'Subir un archivo que no es MP4 (400)',
      'e2e-not-video.txt',
      'UNSUPPORTED_TYPE',
      re(texts.invalidFile),
      `${texts.invalidFile}: el archivo no es un video MP4.`,
      'Un archivo de texto con cualquier nombre: 400 `UNSUPPORTED_TYPE`.',
    ),
    rejected(
      'Subir un MP4 dañado (400)',
      'e2e-corrupt.mp4',
      'UNREADABLE_VIDEO',
      re(texts.invalidFile),
      `${texts.invalidFile}: el video MP4 está dañado o incompleto.`,
      'Cabecera MP4 truncada: 400 `UNREADABLE_VIDEO`.',
    ),
    rejected(
      'Subir un video demasiado corto (400)',
      'e2e-short.mp4',
      'DURATION_OUT_OF_RANGE',
      '/^Error en el archivo.*entre 20 y 60 s/',
      `${texts.invalidFile}: el video dura 5 s y debe durar entre 20 y 60 s.`,
      'Duración de 5 s: 400 `DURATION_OUT_OF_RANGE`.',
    ),
    rejected(
      'Subir un video de baja resolución (400)',
      'e2e-lowres.mp4',
      'RESOLUTION_TOO_LOW',
      '/^Error en el archivo.*menor que 1080p/',
      `${texts.invalidFile}: la resolución 640x360 es menor que 1080p.`,
      '640x360: 400 `RESOLUTION_TOO_LOW`.',
    ),
    rejected(
      'Subir un archivo demasiado grande (400)',
      'e2e-too-large.bin',
      'FILE_TOO_LARGE',
      re(texts.invalidFile),
      `${texts.invalidFile}: el archivo supera el máximo de 100 MB.`,
      'Mayor que el límite del servidor (`UPLOAD_MAX_BYTES`; `npm run e2e` lo baja a 8 MiB y genera un archivo un poco mayor): 400 `FILE_TOO_LARGE`.',
    ),
    overLimit(
      'Subir un archivo 1 MB mayor que el límite, con Content-Length (400)',
      false,
      'El cuerpo anuncia su tamaño (`Content-Length`) y pasa del límite: el servidor responde 400 `FILE_TOO_LARGE` sin leerlo, mientras el cliente aún lo envía, y la respuesta le llega (a través del proxy también).',
    ),
    overLimit(
      'Subir un archivo 1 MB mayor que el límite, por partes (400)',
      true,
      'El mismo archivo sin `Content-Length` (`Transfer-Encoding: chunked`): el servidor lo lee hasta el byte que cruza el límite y responde 400 `FILE_TOO_LARGE`.',
    ),
    {
      ...upload('Subir video válido', 'e2e-valid.mp4', 'Mi mejor jugada {{run_id}}'),
      description: `${uploadDoc}\n\n201 con \`task_id\` = \`video_id\`.`,
      tests: `expectStatus(201); expectJson();
pm.test('mensaje de subida', () => pm.expect(body.message).to.eql(${q(texts.uploadAccepted)}));
pm.test('video_id y task_id iguales', () => { pm.expect(body.video_id).to.match(UUID); pm.expect(body.task_id).to.eql(body.video_id); });
pm.collectionVariables.set('video_id', body && body.video_id);`,
      examples: [
        {
          name: '201 aceptado',
          code: 201,
          body: { message: texts.uploadAccepted, task_id: exampleId, video_id: exampleId },
        },
        {
          name: '400 archivo inválido',
          code: 400,
          body: problem(400, texts.invalidFile + ': el archivo no es un video MP4.', 'UNSUPPORTED_TYPE'),
        },
        ex401(),
      ],
    },
    {
      ...upload('Subir un segundo video (para borrarlo)', 'e2e-valid.mp4', 'Video a retirar {{run_id}}'),
      description: 'Se borra más abajo, antes de publicarse.',
      tests: `expectStatus(201); expectJson();
pm.test('mensaje de subida', () => pm.expect(body.message).to.eql(${q(texts.uploadAccepted)}));
pm.collectionVariables.set('video_id_2', body && body.video_id);`,
      examples: [
        {
          name: '201 aceptado',
          code: 201,
          body: { message: texts.uploadAccepted, task_id: exampleId, video_id: exampleId },
        },
      ],
    },
    {
      name: 'Listar mis videos',
      method: 'GET',
      path: '/videos',
      auth: '{{token_a}}',
      description:
        'Arreglo de los videos propios, del más reciente al más antiguo: `video_id`, `title`, `status` (`uploaded`, `processing`, `processed`, `failed`), `uploaded_at`, `processed_at`, `processed_url`.',
      tests: `expectStatus(200); expectJson();
pm.test('arreglo con los dos videos, el más reciente primero', () => {
  pm.expect(body).to.be.an('array').with.length(2);
  pm.expect(body[0].video_id).to.eql(pm.collectionVariables.get('video_id_2'));
  pm.expect(body[1].video_id).to.eql(pm.collectionVariables.get('video_id'));
});
pm.test('campos del contrato', () => body.forEach((v) => {
  pm.expect(v).to.include.keys('video_id', 'title', 'status', 'uploaded_at');
  pm.expect(['uploaded', 'processing', 'processed', 'failed']).to.include(v.status);
  pm.expect(v.uploaded_at).to.match(ISO);
}));`,
      examples: [
        {
          name: '200 lista',
          code: 200,
          body: [
            {
              video_id: exampleId,
              title: 'Mi mejor jugada',
              status: 'uploaded',
              uploaded_at: '2025-03-10T14:30:00Z',
              processed_at: null,
              processed_url: null,
            },
          ],
        },
        ex401(),
      ],
    },
    {
      name: 'Listar mis videos sin token (401)',
      method: 'GET',
      path: '/videos',
      description: 'Sin token: 401.',
      tests: `expectProblem(401, ${q(texts.missingToken)});`,
      examples: [ex401()],
    },
    {
      name: 'Detalle de mi video',
      method: 'GET',
      path: '/videos/{{video_id}}',
      auth: '{{token_a}}',
      description:
        'Parámetro de ruta `video_id`. 200 con `original_url` (descargable, firmada y temporal), `processed_url` (null hasta procesarse) y `votes`.',
      tests: `expectStatus(200); expectJson();
pm.test('campos del detalle', () => {
  pm.expect(body).to.include.keys('video_id', 'title', 'status', 'uploaded_at', 'processed_at', 'original_url', 'processed_url', 'votes');
  pm.expect(body.video_id).to.eql(pm.collectionVariables.get('video_id'));
  pm.expect(body.original_url).to.match(new RegExp('^https?://'));
  pm.expect(body.votes).to.eql(0);
});`,
      examples: [
        {
          name: '200 detalle',
          code: 200,
          body: {
            video_id: exampleId,
            title: 'Mi mejor jugada',
            status: 'processed',
            uploaded_at: '2025-03-10T14:30:00Z',
            processed_at: '2025-03-10T14:31:10Z',
            original_url: 'https://…/uploaded/….mp4?signature=…',
            processed_url: 'https://…/processed/….mp4?signature=…',
            votes: 0,
          },
        },
        { name: '403 no propietario', code: 403, body: problem(403, texts.viewForbidden, 'NOT_VIDEO_OWNER') },
        { name: '404 no existe', code: 404, body: problem(404, texts.viewNotFound, 'VIDEO_NOT_FOUND') },
      ],
    },
    {
      name: 'Detalle de un video ajeno (403)',
      method: 'GET',
      path: '/videos/{{video_id}}',
      auth: '{{token_b}}',
      description: 'B pide el video de A.',
      tests: `expectProblem(403, ${q(texts.viewForbidden)});`,
      examples: [{ name: '403', code: 403, body: problem(403, texts.viewForbidden, 'NOT_VIDEO_OWNER') }],
    },
    {
      name: 'Detalle de un video inexistente (404)',
      method: 'GET',
      path: '/videos/{{missing_id}}',
      auth: '{{token_a}}',
      description: 'Un id válido que no existe.',
      tests: `expectProblem(404, ${q(texts.viewNotFound)});`,
      examples: [{ name: '404', code: 404, body: problem(404, texts.viewNotFound, 'VIDEO_NOT_FOUND') }],
    },
    {
      name: 'Detalle con un id mal formado (404)',
      method: 'GET',
      path: '/videos/no-es-un-id',
      auth: '{{token_a}}',
      description: 'Un id que no es nuestro es simplemente "no encontrado", nunca 400 ni 500.',
      tests: `expectProblem(404, ${q(texts.viewNotFound)});`,
      examples: [{ name: '404', code: 404, body: problem(404, texts.viewNotFound, 'VIDEO_NOT_FOUND') }],
    },
    {
      name: 'Borrar un video ajeno (403)',
      method: 'DELETE',
      path: '/videos/{{video_id_2}}',
      auth: '{{token_b}}',
      description: 'B intenta borrar el video de A.',
      tests: `expectProblem(403, ${q(texts.deleteForbidden)});`,
      examples: [{ name: '403', code: 403, body: problem(403, texts.deleteForbidden, 'NOT_VIDEO_OWNER') }],
    },
    {
      name: 'Borrar un video inexistente (404)',
      method: 'DELETE',
      path: '/videos/{{missing_id}}',
      auth: '{{token_a}}',
      description: 'Id válido inexistente.',
      tests: `expectProblem(404, ${q(texts.deleteNotFound)});`,
      examples: [{ name: '404', code: 404, body: problem(404, texts.deleteNotFound, 'VIDEO_NOT_FOUND') }],
    },
    {
      name: 'Borrar sin token (401)',
      method: 'DELETE',
      path: '/videos/{{video_id_2}}',
      description: 'Sin token: 401.',
      tests: `expectProblem(401, ${q(texts.missingToken)});`,
      examples: [ex401()],
    },
    {
      name: 'Borrar mi video no publicado',
      method: 'DELETE',
      path: '/videos/{{video_id_2}}',
      auth: '{{token_a}}',
      description:
        'Borra registro y archivos mientras el video no esté publicado (aunque se esté procesando). 200 con `message` y `video_id`.',
      tests: `expectStatus(200); expectJson();
pm.test('mensaje de borrado', () => { pm.expect(body.message).to.eql(${q(texts.deleted)}); pm.expect(body.video_id).to.eql(pm.collectionVariables.get('video_id_2')); });`,
      examples: [
        { name: '200 borrado', code: 200, body: { message: texts.deleted, video_id: exampleId } },
        { name: '400 ya publicado', code: 400, body: problem(400, texts.deleteRefused, 'VIDEO_NOT_DELETABLE') },
        { name: '403 no propietario', code: 403, body: problem(403, texts.deleteForbidden, 'NOT_VIDEO_OWNER') },
        { name: '404 no existe', code: 404, body: problem(404, texts.deleteNotFound, 'VIDEO_NOT_FOUND') },
      ],
    },
    {
      name: 'El video borrado ya no existe (404)',
      method: 'GET',
      path: '/videos/{{video_id_2}}',
      auth: '{{token_a}}',
      description: 'Tras el borrado, el detalle responde 404.',
      tests: `expectProblem(404, ${q(texts.viewNotFound)});`,
      examples: [{ name: '404', code: 404, body: problem(404, texts.viewNotFound, 'VIDEO_NOT_FOUND') }],
    },
    {
      name: 'Esperar el procesamiento (sondeo)',
      method: 'GET',
      path: '/videos/{{video_id}}',
      auth: '{{token_a}}',
      description:
        'Repite el detalle cada `poll_interval_ms` (2 s) hasta que `status` sea `processed`, como máximo `poll_max_attempts` veces (90 ≈ 3 min). Un video `failed` corta la espera.',
      prerequest: String.raw`const attempt = Number(pm.collectionVariables.get('poll_attempt') || 0);
if (attempt > 0) setTimeout(() => {}, Number(pm.variables.get('poll_interval_ms') || 2000));`,
      tests: String.raw`const attempt = Number(pm.collectionVariables.get('poll_attempt') || 0) + 1;
const maxAttempts = Number(pm.variables.get('poll_max_attempts') || 90);
const status = body && body.status;
if (pm.response.code === 200 && status !== 'processed' && status !== 'failed' && attempt < maxAttempts) {
  pm.collectionVariables.set('poll_attempt', attempt);
  postman.setNextRequest(pm.info.requestName);
} else {
  pm.collectionVariables.set('poll_attempt', 0);
  expectStatus(200); expectJson();
  pm.test('procesado en ' + attempt + ' sondeos', () => pm.expect(status).to.eql('processed'));
  pm.test('processed_at y processed_url presentes', () => {
    pm.expect(body.processed_at).to.match(ISO);
    pm.expect(body.processed_url).to.match(/^https?:\/\//);
  });
  pm.collectionVariables.set('processed_url', body && body.processed_url);
}`,
      examples: [
        {
          name: '200 procesando',
          code: 200,
          body: {
            video_id: exampleId,
            title: 'Mi mejor jugada',
            status: 'processing',
            processed_at: null,
            processed_url: null,
            votes: 0,
          },
        },
        {
          name: '200 procesado',
          code: 200,
          body: {
            video_id: exampleId,
            title: 'Mi mejor jugada',
            status: 'processed',
            processed_at: '2025-03-10T14:31:10Z',
            processed_url: 'https://…',
            votes: 0,
          },
        },
      ],
    },
    {
      name: 'Descargar el video procesado',
      method: 'GET',
      path: '{{processed_url}}',
      description: 'La `processed_url` es directamente reproducible: 200 `video/mp4` (MP4 con caja `ftyp`).',
      tests: `expectStatus(200);
pm.test('Content-Type video/mp4', () => pm.expect(pm.response.headers.get('Content-Type')).to.match(/^video\\/mp4/));
pm.test('cuerpo no vacío', () => pm.expect(pm.response.responseSize).to.be.above(1000));`,
      examples: [{ name: '200 video/mp4', code: 200, body: '<binario MP4>', headers: { 'Content-Type': 'video/mp4' } }],
    },
    {
      name: 'Borrar un video ya publicado (400)',
      method: 'DELETE',
      path: '/videos/{{video_id}}',
      auth: '{{token_a}}',
      description: 'Un video procesado está publicado para votación y no puede borrarse.',
      tests: `expectProblem(400, ${q(texts.deleteRefused)}, 'VIDEO_NOT_DELETABLE');`,
      examples: [{ name: '400', code: 400, body: problem(400, texts.deleteRefused, 'VIDEO_NOT_DELETABLE') }],
    },
  ],
};

const publicArea: Folder = {
  name: '3. Área pública',
  description: 'Videos publicados, votos y rankings por ciudad.',
  items: [
    {
      name: 'Videos públicos de la ciudad',
      method: 'GET',
      path: '/public/videos',
      query: { city: '{{city}}', sort: 'votes', limit: '20', offset: '0' },
      description:
        'Sin autenticación (opcional). Query: `city` (sin importar mayúsculas/tildes), `sort` = `votes` | `recent`, `limit` (1–100, 20), `offset` (≥ 0). Total en `X-Total-Count`. Con token cada elemento trae `voted_by_me`.',
      tests: `expectStatus(200); expectJson();
pm.test('X-Total-Count = 1', () => pm.expect(pm.response.headers.get('X-Total-Count')).to.eql('1'));
pm.test('el video publicado con sus campos', () => {
  pm.expect(body).to.be.an('array').with.length(1);
  const v = body[0];
  pm.expect(v).to.include.keys('video_id', 'title', 'player_name', 'city', 'country', 'processed_url', 'votes', 'uploaded_at');
  pm.expect(v.video_id).to.eql(pm.collectionVariables.get('video_id'));
  pm.expect(v.player_name).to.eql('Ana Pérez');
  pm.expect(v.votes).to.eql(0);
  pm.expect(v).to.not.have.property('voted_by_me');
});`,
      examples: [
        {
          name: '200 lista',
          code: 200,
          headers: { 'X-Total-Count': '1' },
          body: [
            {
              video_id: exampleId,
              title: 'Mi mejor jugada',
              player_name: 'Ana Pérez',
              city: 'Bogotá',
              country: 'Colombia',
              processed_url: 'https://…',
              votes: 0,
              uploaded_at: '2025-03-10T14:30:00Z',
            },
          ],
        },
        { name: '400 parámetro inválido', code: 400, body: problem(400, texts.invalidQuery, 'VALIDATION_ERROR') },
      ],
    },
    {
      name: 'Videos públicos con parámetro inválido (400)',
      method: 'GET',
      path: '/public/videos',
      query: { limit: '0' },
      description: '`limit` fuera de 1–100.',
      tests: `expectProblem(400, ${q(texts.invalidQuery)}, 'VALIDATION_ERROR');`,
      examples: [{ name: '400', code: 400, body: problem(400, texts.invalidQuery, 'VALIDATION_ERROR') }],
    },
    {
      name: 'Un video publicado (lo que muestra su página /v/{id})',
      method: 'GET',
      path: '/public/videos/{{video_id}}',
      description:
        'Sin autenticación (opcional). El video publicado con la posición de su jugador en el ranking de su ciudad (`position`, null sin votos) y `page_url`, la dirección para compartir. Con token trae `voted_by_me` e `is_mine`. Inexistente, sin publicar u oculto: 404, sin distinguir.',
      tests: `expectStatus(200); expectJson();
pm.test('el video con su página para compartir', () => {
  pm.expect(body.video_id).to.eql(pm.collectionVariables.get('video_id'));
  pm.expect(body.player_name).to.eql('Ana Pérez');
  pm.expect(body.position).to.eql(null);
  pm.expect(body.page_url).to.match(new RegExp('/v/' + pm.collectionVariables.get('video_id') + '$'));
  pm.expect(body).to.not.have.property('is_mine');
});`,
      examples: [
        {
          name: '200 video',
          code: 200,
          body: {
            video_id: exampleId,
            title: 'Mi mejor jugada',
            player_name: 'Ana Pérez',
            city: 'Bogotá',
            country: 'Colombia',
            processed_url: 'https://…',
            poster_url: 'https://…',
            votes: 0,
            uploaded_at: '2025-03-10T14:30:00Z',
            position: null,
            page_url: `https://anb.example/v/${exampleId}`,
          },
        },
        { name: '404', code: 404, body: problem(404, texts.publicVideoNotFound, 'VIDEO_NOT_FOUND') },
      ],
    },
    {
      name: 'Un video que no existe (404)',
      method: 'GET',
      path: '/public/videos/{{missing_id}}',
      description: 'La misma respuesta para un video inexistente, sin publicar, oculto o eliminado.',
      tests: `expectProblem(404, ${q(texts.publicVideoNotFound)}, 'VIDEO_NOT_FOUND');`,
      examples: [{ name: '404', code: 404, body: problem(404, texts.publicVideoNotFound, 'VIDEO_NOT_FOUND') }],
    },
    {
      name: 'Votar sin token (401)',
      method: 'POST',
      path: '/public/videos/{{video_id}}/vote',
      description: 'Votar requiere JWT.',
      tests: `expectProblem(401, ${q(texts.missingToken)});`,
      examples: [ex401()],
    },
    {
      name: 'Votar por mi propio video (400)',
      method: 'POST',
      path: '/public/videos/{{video_id}}/vote',
      auth: '{{token_a}}',
      description: 'Control de fraude (nuestro): 400 `OWN_VIDEO`.',
      tests: `expectProblem(400, ${q(texts.ownVideoVote)}, 'OWN_VIDEO');`,
      examples: [{ name: '400', code: 400, body: problem(400, texts.ownVideoVote, 'OWN_VIDEO') }],
    },
    {
      name: 'Votar',
      method: 'POST',
      path: '/public/videos/{{video_id}}/vote',
      auth: '{{token_b}}',
      description: 'Parámetro de ruta `video_id` (publicado). Un voto por usuario y video.',
      tests: `expectStatus(200); expectJson();
pm.test('voto registrado', () => pm.expect(body.message).to.eql(${q(texts.voteCounted)}));`,
      examples: [
        { name: '200 voto', code: 200, body: { message: texts.voteCounted } },
        { name: '400 duplicado', code: 400, body: problem(400, texts.duplicateVote, 'DUPLICATE_VOTE') },
        { name: '404 no publicado', code: 404, body: problem(404, texts.publicVideoNotFound, 'VIDEO_NOT_FOUND') },
        ex401(),
      ],
    },
    {
      name: 'Votar dos veces (400)',
      method: 'POST',
      path: '/public/videos/{{video_id}}/vote',
      auth: '{{token_b}}',
      description: 'El segundo voto del mismo usuario: 400 `DUPLICATE_VOTE`.',
      tests: `expectProblem(400, ${q(texts.duplicateVote)}, 'DUPLICATE_VOTE');`,
      examples: [{ name: '400', code: 400, body: problem(400, texts.duplicateVote, 'DUPLICATE_VOTE') }],
    },
    {
      name: 'Votar por un video inexistente (404)',
      method: 'POST',
      path: '/public/videos/{{missing_id}}/vote',
      auth: '{{token_b}}',
      description: 'Inexistente o aún no publicado: 404.',
      tests: `expectProblem(404, ${q(texts.publicVideoNotFound)});`,
      examples: [{ name: '404', code: 404, body: problem(404, texts.publicVideoNotFound, 'VIDEO_NOT_FOUND') }],
    },
    {
      name: 'Videos públicos con token (voted_by_me)',
      method: 'GET',
      path: '/public/videos',
      auth: '{{token_b}}',
      query: { city: '{{city}}', sort: 'recent' },
      description: 'Con token cada elemento trae `voted_by_me`.',
      tests: `expectStatus(200); expectJson();
pm.test('voted_by_me y votos', () => { pm.expect(body[0].voted_by_me).to.eql(true); pm.expect(body[0].votes).to.eql(1); });`,
      examples: [
        {
          name: '200 lista',
          code: 200,
          body: [
            {
              video_id: exampleId,
              title: 'Mi mejor jugada',
              player_name: 'Ana Pérez',
              city: 'Bogotá',
              country: 'Colombia',
              processed_url: 'https://…',
              votes: 1,
              uploaded_at: '2025-03-10T14:30:00Z',
              voted_by_me: true,
            },
          ],
        },
      ],
    },
    {
      name: 'Ranking de la ciudad',
      method: 'GET',
      path: '/public/rankings',
      prerequest: `pm.variables.set('city_query', pm.collectionVariables.get('city').toUpperCase().normalize('NFD').replace(/[\\u0300-\\u036f]/g, ''));`,
      query: { city: '{{city_query}}', limit: '10', offset: '0' },
      description:
        'Sin autenticación. Query: `city` (exacta, sin importar mayúsculas ni tildes), `limit` (1–100, 20), `offset`. Arreglo `{position, username, city, votes}`; empates comparten posición; sin votos no aparece.',
      tests: `expectStatus(200); expectJson();
pm.test('Ana Pérez primera con 1 voto', () => {
  pm.expect(body).to.be.an('array').with.length(1);
  pm.expect(body[0]).to.eql({ position: 1, username: 'Ana Pérez', city: pm.collectionVariables.get('city'), votes: 1 });
});`,
      examples: [
        { name: '200 ranking', code: 200, body: [{ position: 1, username: 'Ana Pérez', city: 'Bogotá', votes: 1530 }] },
        { name: '400 parámetro inválido', code: 400, body: problem(400, texts.invalidQuery, 'VALIDATION_ERROR') },
      ],
    },
    {
      name: 'Ranking con parámetro inválido (400)',
      method: 'GET',
      path: '/public/rankings',
      query: { limit: 'abc' },
      description: 'Cualquier parámetro mal formado: 400 "Parámetro inválido en la consulta."',
      tests: `expectProblem(400, ${q(texts.invalidQuery)}, 'VALIDATION_ERROR');`,
      examples: [{ name: '400', code: 400, body: problem(400, texts.invalidQuery, 'VALIDATION_ERROR') }],
    },
    {
      name: 'Mi video muestra el voto',
      method: 'GET',
      path: '/videos/{{video_id}}',
      auth: '{{token_a}}',
      description: 'El detalle propio refleja los votos.',
      tests: `expectStatus(200); expectJson(); pm.test('votes = 1', () => pm.expect(body.votes).to.eql(1));`,
      examples: [{ name: '200', code: 200, body: { video_id: exampleId, votes: 1 } }],
    },
    {
      name: 'Ruta inexistente (404)',
      method: 'GET',
      path: '/no-existe',
      description: 'Cualquier otra ruta bajo `/api`: 404 problem+json.',
      tests: `expectProblem(404, 'El recurso solicitado no existe.', 'NOT_FOUND');`,
      examples: [{ name: '404', code: 404, body: problem(404, 'El recurso solicitado no existe.', 'NOT_FOUND') }],
    },
  ],
};

const tus = { 'Tus-Resumable': '1.0.0' };
const tusMetadata = (title: string) =>
  `title ${Buffer.from(title).toString('base64')},filename ${Buffer.from('jugada.mp4').toString('base64')},filetype ${Buffer.from('video/mp4').toString('base64')}`;
const resumableDoc =
  'Subida reanudable con el protocolo tus 1.0 (`Tus-Resumable: 1.0.0` en cada petición, token del jugador). Alternativa al multipart para redes que se cortan: el cliente consulta con HEAD cuántos bytes tiene el servidor y continúa desde ahí.';
const expectTus = `pm.test('Tus-Resumable 1.0.0', () => pm.expect(pm.response.headers.get('Tus-Resumable')).to.eql('1.0.0'));`;
const saveUploadId = (variable: string) =>
  `pm.collectionVariables.set('${variable}', (pm.response.headers.get('Location') || '').split('/').pop());`;
const uploadPath = (variable: string) => `/uploads/{{${variable}}}`;
/** A HEAD that must find no upload: finished, refused, or someone else's. */
const uploadGone = (name: string, variable: string, token: string, description: string): RequestSpec => ({
  name,
  method: 'HEAD',
  path: uploadPath(variable),
  auth: token,
  headers: tus,
  description,
  tests: `expectStatus(404);`,
  examples: [{ name: '404', code: 404, body: '' }],
});

const resumable: Folder = {
  name: '3. Subidas reanudables (tus)',
  description: `${resumableDoc} Los tamaños de los archivos (\`resumable_length\`, \`resumable_half\`, \`not_video_length\`) los fija \`npm run e2e\` al generarlos.`,
  items: [
    {
      name: 'Crear subida reanudable',
      method: 'POST',
      path: '/uploads',
      auth: '{{token_a}}',
      headers: { ...tus, 'Upload-Length': '{{resumable_length}}', 'Upload-Metadata': tusMetadata('Jugada reanudable') },
      description: `${resumableDoc}\n\nCabeceras: \`Upload-Length\` (≤ \`Tus-Max-Size\`, el límite de subida) y \`Upload-Metadata\` con \`title\` (obligatorio, mismas reglas que el multipart), \`filename\`, \`filetype\` en base64. 201 con \`Location\` (la URL relativa de la subida) y \`Upload-Expires\` (24 h).`,
      tests: `expectStatus(201);
pm.test('Location de la subida', () => pm.expect(pm.response.headers.get('Location')).to.match(/\\/api\\/uploads\\/[0-9a-f]{32}$/));
pm.test('Upload-Expires', () => pm.expect(Date.parse(pm.response.headers.get('Upload-Expires'))).to.be.above(Date.now()));
${expectTus}
${saveUploadId('upload_id')}`,
      examples: [
        {
          name: '201 creada',
          code: 201,
          body: '',
          headers: {
            'Content-Type': 'text/plain',
            Location: '/api/uploads/5d41402abc4b2a76b9719d911017c592',
            'Upload-Expires': 'Tue, 11 Mar 2025 14:30:00 GMT',
            'Tus-Resumable': '1.0.0',
          },
        },
        {
          name: '400 sin título',
          code: 400,
          body: problem(400, 'Falta el título del video (campo title).', 'MISSING_FIELD'),
        },
      ],
    },
    {
      name: 'Enviar la primera mitad (PATCH)',
      method: 'PATCH',
      path: uploadPath('upload_id'),
      auth: '{{token_a}}',
      headers: { ...tus, 'Upload-Offset': '0' },
      fileBody: { src: 'e2e-valid.part1', contentType: 'application/offset+octet-stream' },
      description:
        'Cuerpo `application/offset+octet-stream` desde `Upload-Offset`. 204 con el nuevo `Upload-Offset`; la conexión podría cortarse aquí.',
      tests: `expectStatus(204);
pm.test('Upload-Offset = mitad', () => pm.expect(pm.response.headers.get('Upload-Offset')).to.eql(pm.variables.get('resumable_half')));
${expectTus}`,
      examples: [
        { name: '204', code: 204, body: '', headers: { 'Content-Type': 'text/plain', 'Upload-Offset': '524288' } },
      ],
    },
    {
      name: 'Consultar el avance (HEAD)',
      method: 'HEAD',
      path: uploadPath('upload_id'),
      auth: '{{token_a}}',
      headers: tus,
      description:
        'Tras un corte, HEAD dice desde qué byte seguir: 200 con `Upload-Offset` y `Upload-Length`, sin cuerpo.',
      tests: `expectStatus(200);
pm.test('Upload-Offset = mitad', () => pm.expect(pm.response.headers.get('Upload-Offset')).to.eql(pm.variables.get('resumable_half')));
pm.test('Upload-Length', () => pm.expect(pm.response.headers.get('Upload-Length')).to.eql(pm.variables.get('resumable_length')));
pm.test('no-store', () => pm.expect(pm.response.headers.get('Cache-Control')).to.eql('no-store'));`,
      examples: [
        {
          name: '200',
          code: 200,
          body: '',
          headers: { 'Content-Type': 'text/plain', 'Upload-Offset': '524288', 'Upload-Length': '1048576' },
        },
      ],
    },
    uploadGone(
      'La subida de otro jugador no existe (404)',
      'upload_id',
      '{{token_b}}',
      'Una subida pertenece a quien la creó: para cualquier otro, 404.',
    ),
    {
      name: 'Enviar la segunda mitad y terminar (PATCH)',
      method: 'PATCH',
      path: uploadPath('upload_id'),
      auth: '{{token_a}}',
      headers: { ...tus, 'Upload-Offset': '{{resumable_half}}' },
      fileBody: { src: 'e2e-valid.part2', contentType: 'application/offset+octet-stream' },
      description:
        'Con el último byte el archivo se revisa igual que en la subida multipart: aceptado, el video queda registrado y encolado y el PATCH responde 204 con la cabecera `Video-Id`.',
      tests: `expectStatus(204);
pm.test('Video-Id', () => pm.expect(pm.response.headers.get('Video-Id')).to.match(UUID));
pm.collectionVariables.set('resumable_video_id', pm.response.headers.get('Video-Id'));`,
      examples: [
        {
          name: '204 video registrado',
          code: 204,
          body: '',
          headers: { 'Content-Type': 'text/plain', 'Upload-Offset': '1048576', 'Video-Id': exampleId },
        },
      ],
    },
    {
      name: 'El video de la subida reanudable está en mis videos',
      method: 'GET',
      path: '/videos/{{resumable_video_id}}',
      auth: '{{token_a}}',
      description: 'El `Video-Id` es un `video_id` como los del multipart.',
      tests: `expectStatus(200); expectJson();
pm.test('título de la metadata', () => pm.expect(body.title).to.eql('Jugada reanudable'));`,
      examples: [
        { name: '200', code: 200, body: { video_id: exampleId, title: 'Jugada reanudable', status: 'uploaded' } },
      ],
    },
    uploadGone(
      'La subida terminada ya no existe (HEAD 404)',
      'upload_id',
      '{{token_a}}',
      'Terminada (aceptada o rechazada), la subida se borra del almacenamiento.',
    ),
    {
      name: 'Crear una subida de un archivo que no es video',
      method: 'POST',
      path: '/uploads',
      auth: '{{token_a}}',
      headers: { ...tus, 'Upload-Length': '{{not_video_length}}', 'Upload-Metadata': tusMetadata('No es video') },
      description: 'Para el rechazo: un archivo de texto.',
      tests: `expectStatus(201);
${saveUploadId('refused_upload_id')}`,
      examples: [{ name: '201', code: 201, body: '', headers: { 'Content-Type': 'text/plain' } }],
    },
    {
      name: 'Terminar con un archivo rechazado (400)',
      method: 'PATCH',
      path: uploadPath('refused_upload_id'),
      auth: '{{token_a}}',
      headers: { ...tus, 'Upload-Offset': '0' },
      fileBody: { src: 'e2e-not-video.txt', contentType: 'application/offset+octet-stream' },
      description:
        'El archivo terminado no pasa la revisión: 400 problem+json con el mismo `code` y `detail` que la subida multipart, y no queda nada guardado.',
      tests: `expectProblem(400, ${re(texts.invalidFile)}, 'UNSUPPORTED_TYPE');`,
      examples: [
        {
          name: '400 UNSUPPORTED_TYPE',
          code: 400,
          body: problem(400, `${texts.invalidFile}: el archivo no es un video MP4.`, 'UNSUPPORTED_TYPE'),
        },
      ],
    },
    uploadGone(
      'Del rechazo no queda nada (HEAD 404)',
      'refused_upload_id',
      '{{token_a}}',
      'Ni la subida ni sus bytes.',
    ),
    {
      name: 'Crear una subida mayor que el límite (413)',
      method: 'POST',
      path: '/uploads',
      auth: '{{token_a}}',
      headers: { ...tus, 'Upload-Length': '999999999999', 'Upload-Metadata': tusMetadata('Enorme') },
      description: '`Upload-Length` mayor que `Tus-Max-Size`: 413 `FILE_TOO_LARGE`.',
      tests: `expectProblem(413, ${re(texts.invalidFile)}, 'FILE_TOO_LARGE');`,
      examples: [
        {
          name: '413',
          code: 413,
          body: problem(413, `${texts.invalidFile}: el archivo supera el máximo de 100 MB.`, 'FILE_TOO_LARGE'),
        },
      ],
    },
  ],
};

export function buildCollection() {
  return {
    info: {
      name: 'ANB Rising Stars Showcase — API',
      _postman_id: '4f6b7c1e-5d2a-4b8e-9a3f-0a0b00000001',
      description: [
        'Colección del contrato público de la API (base `{{base_url}}`, que incluye `/api`).',
        '',
        'Recorre cada endpoint y cada código de estado del contrato, verificando estado, `Content-Type`, campos y los textos en español.',
        'Crea sus propios usuarios (emails únicos por ejecución), sube un MP4 generado, espera el procesamiento sondeando, vota, lee rankings y borra lo que puede (un video publicado no se puede borrar por contrato).',
        '',
        'Las cuentas (carpeta 6) leen los enlaces de confirmación y de restablecimiento del buzón de la prueba (`mailbox_url`); sin él se omiten. Si el servidor exige correo confirmado para votar (`VOTE_REQUIRES_VERIFIED_EMAIL=true`), la carpeta 1 confirma el correo de Ana y Bruno con ese buzón; con `false` sigue el flujo del organizador tal cual.',
        '',
        'La organización (carpeta 7) necesita una cuenta con rol de organizador, que solo da la línea de comandos (`npm run admin -- grant-organiser <correo>`): `npm run e2e` la crea con el escritorio de la prueba (`organiser_desk_url`); sin él, las peticiones que la necesitan se omiten y el resto corre. Al terminar deja el concurso abierto y sin fechas.',
        '',
        'Local: `npm run e2e` (levanta la pila en un puerto libre con un directorio de datos temporal, genera los videos con ffmpeg y corre newman dos veces: con `VOTE_REQUIRES_VERIFIED_EMAIL=false` y con `true`, cada una con su buzón).',
        'Contra un despliegue: `npm run e2e -- --base-url "$DEPLOY_URL"` (con `deploy_url` del entorno y los archivos de prueba generados); con `E2E_ADMIN_COMMAND` (el comando que da el rol en ese despliegue, p. ej. `bash docker/stack.sh admin grant-organiser`; el correo se agrega al final) también corre la carpeta 7 completa.',
      ].join('\n'),
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    event: [
      { listen: 'prerequest', script: { type: 'text/javascript', exec: collectionPrerequest.trim().split('\n') } },
    ],
    variable: [
      { key: 'poll_interval_ms', value: '2000' },
      { key: 'poll_max_attempts', value: '90' },
    ],
    item: [health, auth, videos, resumable, publicArea, accountsFolder, organiserFolder].map(folderItem),
  };
}

export function buildEnvironment() {
  return {
    id: '4f6b7c1e-5d2a-4b8e-9a3f-0a0b00000002',
    name: 'ANB local',
    values: [
      { key: 'base_url', value: 'http://localhost:8000/api', type: 'default', enabled: true },
      { key: 'deploy_url', value: 'https://anb.example.com/api', type: 'default', enabled: true },
      { key: 'poll_interval_ms', value: '2000', type: 'default', enabled: true },
      { key: 'poll_max_attempts', value: '90', type: 'default', enabled: true },
      // Sizes of the upload files, set by `npm run e2e` from the files it makes (--fixtures-only prints them).
      { key: 'resumable_length', value: '0', type: 'default', enabled: true },
      { key: 'resumable_half', value: '0', type: 'default', enabled: true },
      { key: 'not_video_length', value: '0', type: 'default', enabled: true },
      // The test's inbox (`npm run e2e` serves one): the account requests read their links there.
      { key: 'mailbox_url', value: '', type: 'default', enabled: true },
      // The test's organiser desk (`npm run e2e` serves one): it runs `npm run admin -- grant-organiser`.
      { key: 'organiser_desk_url', value: '', type: 'default', enabled: true },
      // What the server is expected to do (`true`/`false`); empty: not checked.
      { key: 'vote_requires_verified_email', value: '', type: 'default', enabled: true },
    ],
    _postman_variable_scope: 'environment',
  };
}

export const collectionPath = fileURLToPath(new URL('../postman/anb.postman_collection.json', import.meta.url));
export const environmentPath = fileURLToPath(new URL('../postman/postman_environment.json', import.meta.url));

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(collectionPath, await serialise(buildCollection(), collectionPath));
  writeFileSync(environmentPath, await serialise(buildEnvironment(), environmentPath));
  console.log(`wrote ${collectionPath} and ${environmentPath}`);
}
