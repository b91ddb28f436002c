import { ApiError, messageOf } from '../api/api-error.ts';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export interface MappedApiError<F extends string> {
  fields: FieldErrors<F>;
  /** Shown above the form when the error belongs to no single field. */
  form?: string;
}

/**
 * Puts the API's Spanish `detail` next to the field it is about: by its code
 * (EMAIL_TAKEN → email) or by the paths its `errors[]` name; otherwise above the form.
 */
export function mapApiError<F extends string>(
  error: unknown,
  fieldsByCode: Partial<Record<string, F>>,
  knownFields: readonly F[],
): MappedApiError<F> {
  if (!(error instanceof ApiError)) return { fields: {}, form: messageOf(error) };
  const byCode = fieldsByCode[error.code];
  if (byCode) return { fields: { [byCode]: error.message } as FieldErrors<F> };
  const named = error.fieldProblems
    .map((problem) => problem.path.split('.')[0] as F)
    .filter((path) => knownFields.includes(path));
  if (named.length === 0) return { fields: {}, form: error.message };
  // The API's per-field texts are the validator's own; its Spanish detail goes on the first field.
  const fields: FieldErrors<F> = {};
  named.forEach((field, index) => (fields[field] = index === 0 ? error.message : 'Revisa este campo.'));
  return { fields };
}

/** The first field with an error, in the form's order, to move the focus to. */
export const firstInvalid = <F extends string>(order: readonly F[], errors: FieldErrors<F>) =>
  order.find((field) => errors[field]);
