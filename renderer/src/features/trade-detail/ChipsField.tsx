import { useId, useState } from 'react';

type Chip = { key: string; label: string; color?: string | null };

type Props = {
  label: string;
  chips: Chip[];
  suggestions: string[];
  placeholder: string;
  testId: string;
  onAdd: (text: string) => void;
  onRemove: (key: string) => void;
};

/** Chips with a remove button each and a box that adds one on Enter (suggestions from a list). */
export function ChipsField({ label, chips, suggestions, placeholder, testId, onAdd, onRemove }: Props) {
  const [text, setText] = useState('');
  const id = useId();
  const add = () => {
    if (text.trim() === '') return;
    onAdd(text);
    setText('');
  };
  return (
    <div className="field trade-field" data-testid={testId}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {chips.length > 0 && (
        <ul className="chip-list" aria-label={label}>
          {chips.map((chip) => (
            <li key={chip.key} className="chip" data-testid={`${testId}-chip`}>
              {chip.color ? <span className="chip__dot" style={{ background: chip.color }} aria-hidden="true" /> : null}
              {chip.label}
              <button
                type="button"
                className="chip__remove"
                aria-label={`Remove ${chip.label}`}
                onClick={() => onRemove(chip.key)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        type="text"
        list={`${id}-list`}
        value={text}
        maxLength={60}
        placeholder={placeholder}
        autoComplete="off"
        data-testid={`${testId}-input`}
        data-page-undo={text === '' ? '' : undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            add();
          }
        }}
      />
      <datalist id={`${id}-list`}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </div>
  );
}
