import { GENERIC_DATE_FORMATS } from '../../../../shared/import/formats/generic-csv-constants';
import type { AssetClass } from '../../../../shared/domain/types';
import { ColumnSelect } from './ColumnSelect';
import { assetClasses } from './fills';
import type { Delimiter, DraftErrors, DraftField, MappingDraft } from './mapping-draft';

type Props = {
  draft: MappingDraft;
  headers: string[];
  errors: DraftErrors;
  missing: DraftField[];
  onChange: (patch: Partial<MappingDraft>) => void;
};

const dateFormatLabels: Record<(typeof GENERIC_DATE_FORMATS)[number], string> = {
  'YYYY-MM-DD': '2025-03-14 (year first)',
  YYYYMMDD: '20250314',
  'MM/DD/YYYY': '03/14/2025 (month first)',
  'DD/MM/YYYY': '14/03/2025 (day first)',
  'DD.MM.YYYY': '14.03.2025',
  'unix-seconds': 'Unix time in seconds',
  'unix-milliseconds': 'Unix time in milliseconds',
};

const delimiters: { value: Delimiter; label: string }[] = [
  { value: 'auto', label: 'Detect' },
  { value: ',', label: 'Comma' },
  { value: ';', label: 'Semicolon' },
  { value: '\t', label: 'Tab' },
];

const FIXED = 'fixed:';

type ColumnField =
  'dateTime' | 'date' | 'time' | 'symbol' | 'side' | 'quantity' | 'price' | 'orderId' | 'execId' | 'account';

/** Every field of a generic CSV mapping, each a select of the file's columns. */
export function MappingFields({ draft, headers, errors, missing, onChange }: Props) {
  const column = (field: ColumnField, label: string, emptyLabel?: string) => (
    <ColumnSelect
      id={`mapping-${field}`}
      label={label}
      value={draft[field]}
      headers={headers}
      error={errors[field]}
      emptyLabel={emptyLabel}
      hint={missing.includes(field) ? 'Not guessed from the header: choose it.' : undefined}
      onChange={(value) => onChange({ [field]: value })}
    />
  );
  const assetValue = draft.assetColumn === '' ? `${FIXED}${draft.assetFixed}` : draft.assetColumn;

  return (
    <div className="mapping-grid">
      <fieldset className="mapping-grid__wide">
        <legend className="field__label">Date and time</legend>
        <div className="segmented">
          <label>
            <input type="radio" checked={draft.dateMode === 'one'} onChange={() => onChange({ dateMode: 'one' })} />
            One column
          </label>
          <label>
            <input type="radio" checked={draft.dateMode === 'two'} onChange={() => onChange({ dateMode: 'two' })} />
            Date and time in two columns
          </label>
        </div>
      </fieldset>
      {draft.dateMode === 'one' ? (
        column('dateTime', 'Date and time column')
      ) : (
        <>
          {column('date', 'Date column')}
          {column('time', 'Time column')}
        </>
      )}
      <label className="field">
        <span className="field__label">Date format</span>
        <select
          value={draft.dateFormat}
          onChange={(e) => onChange({ dateFormat: e.target.value as MappingDraft['dateFormat'] })}
        >
          {GENERIC_DATE_FORMATS.map((f) => (
            <option key={f} value={f}>
              {dateFormatLabels[f]}
            </option>
          ))}
        </select>
      </label>
      {column('symbol', 'Symbol')}
      {column('side', 'Side (buy / sell)', 'From the sign of the quantity')}
      {column('quantity', 'Quantity')}
      {column('price', 'Price')}
      <label className="field">
        <span className="field__label">Asset class</span>
        <select
          value={assetValue}
          onChange={(e) => {
            const value = e.target.value;
            if (value.startsWith(FIXED))
              onChange({ assetColumn: '', assetFixed: value.slice(FIXED.length) as AssetClass });
            else onChange({ assetColumn: value });
          }}
        >
          <optgroup label="Every row is">
            {assetClasses.map((a) => (
              <option key={a.value} value={`${FIXED}${a.value}`}>
                {a.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Read from the column">
            {headers.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </optgroup>
        </select>
        {errors.assetColumn && <span className="field__error">{errors.assetColumn}</span>}
      </label>
      {column('orderId', 'Order id', 'None')}
      {column('execId', 'Fill id (for duplicates)', 'None')}
      {column('account', 'Account', 'None: use the target account')}
      <fieldset className="mapping-grid__wide">
        <legend className="field__label">Fee columns (added up)</legend>
        <div className="checks">
          {headers.map((h) => (
            <label key={h} className="checks__item">
              <input
                type="checkbox"
                checked={draft.fees.includes(h)}
                onChange={(e) =>
                  onChange({ fees: e.target.checked ? [...draft.fees, h] : draft.fees.filter((f) => f !== h) })
                }
              />
              {h}
            </label>
          ))}
        </div>
        {errors.fees && <span className="field__error">{errors.fees}</span>}
      </fieldset>
      <label className="field">
        <span className="field__label">Separator</span>
        <select value={draft.delimiter} onChange={(e) => onChange({ delimiter: e.target.value as Delimiter })}>
          {delimiters.map((d) => (
            <option key={d.label} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <label className="checks__item mapping-grid__check">
        <input
          type="checkbox"
          checked={draft.decimalComma}
          onChange={(e) => onChange({ decimalComma: e.target.checked })}
        />
        Numbers use a decimal comma (1.234,56)
      </label>
    </div>
  );
}
