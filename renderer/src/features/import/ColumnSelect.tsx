type Props = {
  id: string;
  label: string;
  value: string;
  headers: string[];
  onChange: (value: string) => void;
  /** Text of the empty choice for an optional field ("none"); required fields ask to choose. */
  emptyLabel?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
};

/** A select of the file's columns for one field of the mapping, with its error under it. */
export function ColumnSelect({ id, label, value, headers, onChange, emptyLabel, error, hint }: Props) {
  const known = value === '' || headers.includes(value);
  const note = error ?? hint;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? `${id}-note` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{emptyLabel ?? 'Choose a column…'}</option>
        {!known && <option value={value}>{value} (not in this file)</option>}
        {headers.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
      {note && (
        <span id={`${id}-note`} className={error ? 'field__error' : 'field__hint'}>
          {note}
        </span>
      )}
    </div>
  );
}
