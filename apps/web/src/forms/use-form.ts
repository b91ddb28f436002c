import { useEffect, useState } from 'preact/hooks';
import { firstInvalid, mapApiError, type FieldErrors } from './field-errors.ts';

interface FormOptions<F extends string> {
  /** Prefix of the inputs' ids: `${idPrefix}-${field}`. */
  idPrefix: string;
  fields: readonly F[];
  initial: Record<F, string>;
  validate(values: Record<F, string>): FieldErrors<F>;
  /** API error codes that belong to one field, e.g. EMAIL_TAKEN → email. */
  fieldsByCode?: Partial<Record<string, F>>;
}

/** Values, client-side checks, the API's refusals next to their fields, and focus on the first error. */
export function useForm<F extends string>(options: FormOptions<F>) {
  const { idPrefix, fields, initial, validate, fieldsByCode = {} } = options;
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);

  // After the errors are rendered, so the focused input already announces its error.
  useEffect(() => {
    if (focusRequest === 0) return;
    const field = firstInvalid(fields, errors);
    document.getElementById(field ? `${idPrefix}-${field}` : `${idPrefix}-error`)?.focus();
  }, [focusRequest]);

  const setValue = (field: F) => (value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    // An error stays until the field is edited, then the next submit checks again.
    setErrors((previous) => (previous[field] ? { ...previous, [field]: undefined } : previous));
  };

  const submitWith = (action: (values: Record<F, string>) => Promise<void>) => async (event: Event) => {
    event.preventDefault();
    if (submitting) return;
    setFormError(undefined);
    const found = validate(values);
    setErrors(found);
    if (firstInvalid(fields, found)) {
      setFocusRequest((count) => count + 1);
      return;
    }
    setSubmitting(true);
    try {
      await action(values);
    } catch (error) {
      const mapped = mapApiError(error, fieldsByCode, fields);
      setErrors(mapped.fields);
      setFormError(mapped.form);
      setFocusRequest((count) => count + 1);
    } finally {
      setSubmitting(false);
    }
  };

  const fieldProps = (field: F) => ({
    id: `${idPrefix}-${field}`,
    value: values[field],
    onInput: setValue(field),
    error: errors[field],
  });

  return { values, errors, formError, submitting, submitWith, fieldProps, formErrorId: `${idPrefix}-error` };
}
