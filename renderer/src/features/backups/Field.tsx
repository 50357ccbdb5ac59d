import { useId, type ReactNode } from 'react';

/** What a field's control needs to be labelled, described and marked. */
export type ControlProps = { id: string; 'aria-describedby': string; 'aria-invalid': boolean };

type FieldProps = {
  label: string;
  hint: string;
  error?: string | undefined;
  wide?: boolean;
  children: (control: ControlProps) => ReactNode;
};

/** A label, its control, and the hint and error read after the label (not as part of it). */
export function Field({ label, hint, error, wide = false, children }: FieldProps) {
  const id = useId();
  const invalid = error !== undefined;
  return (
    <div className={`field${wide ? ' field--wide' : ''}${invalid ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-describedby': invalid ? `${id}-error ${id}-hint` : `${id}-hint`, 'aria-invalid': invalid })}
      {invalid && (
        <span className="field__error" id={`${id}-error`}>
          {error}
        </span>
      )}
      <span className="field__hint" id={`${id}-hint`}>
        {hint}
      </span>
    </div>
  );
}
