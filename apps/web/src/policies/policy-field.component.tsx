import { type ReactNode, useId } from 'react';

type PolicyFieldProps = {
  label: string;
  hint?: string;
  errors: readonly string[] | undefined;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
};

// A labelled control with the API's messages for that field right under it.
export function PolicyField({ label, hint, errors, children }: PolicyFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = errors !== undefined && errors.length > 0;
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': invalid, 'aria-describedby': describedBy })}
      {hint ? (
        <p id={hintId} className="panel__note">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={errorId} className="field__error" data-field-error>
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
