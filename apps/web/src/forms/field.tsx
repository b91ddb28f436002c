import type { Ref } from 'preact';

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput(value: string): void;
  error?: string | undefined;
  hint?: string;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  maxLength?: number;
  /** The id of a `<datalist>` of suggestions. */
  list?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled input whose hint and error are read out with it (aria-describedby). */
export function Field({
  id,
  label,
  value,
  onInput,
  error,
  hint,
  type = 'text',
  autoComplete,
  maxLength,
  list,
  inputRef,
}: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={id}
        // Preact's typings split input props by type; the three used here take the same attributes.
        type={type as 'text'}
        value={value}
        ref={inputRef}
        autoComplete={autoComplete}
        maxLength={maxLength}
        list={list}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      {hint && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
