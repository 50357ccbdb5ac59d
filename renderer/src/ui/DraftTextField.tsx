import { useId } from 'react';
import { useDraftText } from '../state/use-draft-text';

type Props = {
  label: string;
  value: string;
  onCommit: (text: string) => void;
  /** A one-line box (Enter commits) rather than a text area. */
  singleLine?: boolean;
  rows?: number;
  maxLength: number;
  placeholder?: string;
  hint?: string;
  testId?: string;
  className?: string;
  /** The label is for screen readers only (a numbered list says the rest). */
  hideLabel?: boolean;
};

/** A labelled text box saved as the trader goes (after a pause in typing, or on leaving it). */
export function DraftTextField(props: Props) {
  const { label, value, onCommit, singleLine = false, rows = 4, maxLength, placeholder, hint, testId } = props;
  const draft = useDraftText(value, onCommit);
  const id = useId();
  const common = {
    id,
    value: draft.text,
    maxLength,
    placeholder,
    'data-testid': testId,
    onBlur: draft.flush,
  };
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label className={props.hideLabel ? 'visually-hidden' : 'field__label'} htmlFor={id}>
        {label}
      </label>
      {singleLine ? (
        <input
          type="text"
          {...common}
          onChange={(e) => draft.type(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') draft.flush();
          }}
        />
      ) : (
        <textarea {...common} rows={rows} onChange={(e) => draft.type(e.target.value)} />
      )}
      {hint !== undefined && <span className="field__hint">{hint}</span>}
    </div>
  );
}
