/** The error that belongs to no single field; focusable so the focus can land on it after a refusal. */
export function FormError({ id, message }: { id: string; message: string | undefined }) {
  return (
    <div id={id} class="form-error" role="alert" tabIndex={-1} hidden={!message}>
      {message}
    </div>
  );
}
