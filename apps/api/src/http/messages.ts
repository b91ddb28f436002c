import { fileError } from '@anb/core';

/**
 * The organiser's texts (fixed by the public contract) and ours, in one place. The refusals of a contest
 * rule (type, size, duration, resolution, title) are core's `uploadTexts`, shared with the worker and the web app.
 */
export const messages = {
  signupCreated: 'Usuario creado exitosamente.',
  signupInvalid: 'Error de validación (email duplicado, contraseñas no coinciden).',
  emailTaken: 'Error de validación (email duplicado, contraseñas no coinciden): el email ya está registrado.',
  passwordMismatch: 'Error de validación (email duplicado, contraseñas no coinciden): las contraseñas no coinciden.',
  invalidCredentials: 'Credenciales inválidas.',
  missingToken: 'Falta de autenticación.',
  invalidToken: 'El usuario no está autenticado o el token JWT es inválido o expirado.',
  malformedMultipart: fileError('el cuerpo multipart/form-data está mal formado o incompleto'),
  notMultipartType: 'Tipo de contenido no admitido: envía multipart/form-data con video_file y title.',
  uploadLimit: (max: number, windowSeconds: number, retryAfterSeconds: number) =>
    `Alcanzaste el límite de ${max} videos subidos cada ${formatWindow(windowSeconds)}. Intenta de nuevo en ${formatWindow(retryAfterSeconds)}.`,
  tooManyFiles: fileError('envía un solo archivo en video_file'),
  notMultipart: fileError('la solicitud debe ser multipart/form-data con video_file y title'),
  resumableNotFound: 'La subida no existe, ya terminó o no pertenece al usuario autenticado.',
  resumableExpired: 'La subida expiró sin terminar; empieza de nuevo.',
  resumableOffsetMismatch:
    'Upload-Offset no coincide con los bytes recibidos: consulta el avance con HEAD y continúa desde allí.',
  resumableContentType: 'El cuerpo de PATCH debe enviarse como application/offset+octet-stream.',
  resumableVersionRequired: 'Falta la cabecera Tus-Resumable: 1.0.0.',
  resumableInvalid: 'La solicitud de subida reanudable no es válida (cabeceras tus o metadatos).',
  resumableBusy: 'La subida está recibiendo datos por otra conexión; intenta de nuevo en unos segundos.',
  unfinishedUploadsLimit: (max: number) =>
    `Ya tienes ${max} subidas sin terminar: termina o cancela una antes de empezar otra.`,
  viewForbidden: 'El usuario autenticado no tiene permisos para acceder a este video (no es el propietario).',
  viewNotFound: 'El video con el video_id especificado no existe o no pertenece al usuario.',
  deleted: 'El video ha sido eliminado exitosamente.',
  deleteRefused:
    'El video no puede ser eliminado porque no cumple las condiciones (por ejemplo, ya está habilitado para votación).',
  deleteForbidden: 'El usuario autenticado no tiene permisos para eliminar este video (no es el propietario).',
  deleteNotFound: 'El video con el video_id especificado no existe o no pertenece al usuario autenticado.',
  voteCounted: 'Voto registrado exitosamente.',
  voteLimit: (max: number, windowSeconds: number, retryAfterSeconds: number) =>
    `Alcanzaste el límite de ${max} votos cada ${formatWindow(windowSeconds)}. Intenta de nuevo en ${formatWindow(retryAfterSeconds)}.`,
  duplicateVote: 'Ya has votado por este video.',
  ownVideoVote: 'No puedes votar por tu propio video.',
  publicVideoNotFound: 'Video no encontrado.',
  invalidQuery: 'Parámetro inválido en la consulta.',
  invalidRequest: 'La solicitud no es válida.',
  malformedJson: 'El cuerpo de la solicitud no es un JSON válido.',
  badUrl: 'La dirección solicitada no es válida.',
  requestTimeout: 'La solicitud tardó demasiado en llegar.',
  headersTooLarge: 'Las cabeceras de la solicitud son demasiado grandes.',
  unavailable: 'El servicio no está disponible en este momento. Intenta de nuevo en unos segundos.',
  unsupportedMediaType: 'Tipo de contenido no admitido: envía application/json.',
  bodyTooLarge: 'El cuerpo de la solicitud es demasiado grande.',
  routeNotFound: 'El recurso solicitado no existe.',
  tooManyRequests: (seconds: number) => `Demasiadas solicitudes. Intenta de nuevo en ${seconds} s.`,
  internalError: 'Error interno del servidor.',
  notReady: 'El servicio no está listo.',
  mediaLinkInvalid: 'El enlace del archivo no es válido o ha expirado.',
} as const;

/** 90 → "2 min", 3600 → "60 min", 45 → "45 s". */
function formatWindow(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}
