import { useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'onBlur' | 'onKeyDown'> & {
  value: string;
  /** The typed text, on Enter or leaving the box; return an error to keep the box open and show it. */
  onCommit: (text: string) => string | null;
  errorId: string;
};

/**
 * A text box saved when the trader is done with it (Enter or leaving it), not per key;
 * Escape puts the saved value back. A refused value stays in the box with its reason.
 */
export function CommitInput({ value, onCommit, errorId, ...rest }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const done = () => {
    if (draft === null) return;
    const problem = draft === value ? null : onCommit(draft);
    setError(problem);
    if (problem === null) setDraft(null);
  };
  return (
    <>
      <input
        {...rest}
        value={draft ?? value}
        aria-invalid={error !== null}
        aria-describedby={error !== null ? errorId : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={done}
        onKeyDown={(e) => {
          if (e.key === 'Enter') done();
          else if (e.key === 'Escape' && draft !== null) {
            e.stopPropagation();
            setDraft(null);
            setError(null);
          }
        }}
      />
      {error !== null && (
        <span className="field__error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </>
  );
}
