import { useEffect, useId, useState } from 'react';
import { parsePositiveDecimal } from './inputs';

type Props = {
  label: string;
  value: string | null;
  hint: string;
  testId: string;
  onSave: (value: string | null) => void;
};

/** A price or amount box: saved when the trader presses Enter or leaves it, refused in words when not a number. */
export function DecimalField({ label, value, hint, testId, onSave }: Props) {
  const [text, setText] = useState(value ?? '');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  // An undo or another client's change shows up here unless the trader is mid-edit.
  useEffect(() => {
    setText(value ?? '');
    setError(null);
  }, [value]);

  const dirty = text.trim() !== (value ?? '');
  const confirm = () => {
    const parsed = parsePositiveDecimal(text);
    if (!parsed.ok) return setError(parsed.message);
    setError(null);
    setText(parsed.value ?? '');
    if (parsed.value !== value) onSave(parsed.value);
  };

  return (
    <div className="field trade-field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={text}
        placeholder="Not set"
        aria-invalid={error !== null}
        aria-describedby={`${id}-hint`}
        data-testid={testId}
        // Ctrl+Z belongs to the page (undo the last saved change) unless this box holds unsaved typing.
        data-page-undo={dirty ? undefined : ''}
        onChange={(e) => setText(e.target.value)}
        onBlur={confirm}
        onKeyDown={(e) => {
          if (e.key === 'Enter') confirm();
          if (e.key === 'Escape' && dirty) {
            e.preventDefault();
            setText(value ?? '');
            setError(null);
          }
        }}
      />
      <span id={`${id}-hint`} className={error ? 'field__error' : 'field__hint'} role={error ? 'alert' : undefined}>
        {error ?? hint}
      </span>
    </div>
  );
}
