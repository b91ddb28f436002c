/** One field the API refused, as `errors[]` of its problem details names it. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** An answer that is not a success, carrying the API's Spanish `detail` and stable `code`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldProblems: FieldProblem[];

  constructor(status: number, code: string, detail: string, fieldProblems: FieldProblem[] = []) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fieldProblems = fieldProblems;
  }
}

export const networkError = () =>
  new ApiError(0, 'NETWORK', 'No se pudo conectar con el servidor. Revisa tu conexión e intenta de nuevo.');

const unexpectedError = (status: number) =>
  new ApiError(status, 'UNEXPECTED', 'Ocurrió un error inesperado. Intenta de nuevo en unos minutos.');

/** Reads an RFC 9457 body; a proxy's HTML error page still gives a Spanish message. */
export function problemFromBody(status: number, body: unknown): ApiError {
  if (typeof body !== 'object' || body === null) return unexpectedError(status);
  const { detail, code, errors } = body as { detail?: unknown; code?: unknown; errors?: unknown };
  if (typeof detail !== 'string') return unexpectedError(status);
  return new ApiError(
    status,
    typeof code === 'string' ? code : 'UNEXPECTED',
    detail,
    Array.isArray(errors) ? errors : [],
  );
}

/** The message to show for any failure, API or not. */
export const messageOf = (error: unknown) =>
  error instanceof ApiError ? error.message : 'Ocurrió un error inesperado. Intenta de nuevo.';
