import type { AssetClass, ExecutionSide } from '../../../../shared/domain/types';
import { assetClasses, type FillDraft, type FillErrors, type FillField } from './fills';

type Props = {
  rows: FillDraft[];
  errors: Map<number, FillErrors>;
  timeZone: string;
  onChange: (key: number, patch: Partial<FillDraft>) => void;
  onRemove: (key: number) => void;
};

const labels: Record<FillField, string> = {
  symbol: 'Symbol',
  assetClass: 'Asset class',
  side: 'Side',
  quantity: 'Quantity',
  price: 'Price',
  fee: 'Fee',
  executedAt: 'Date and time',
};

/** The fills being typed, one row each, every field labelled and its problem shown under it. */
export function FillsTable({ rows, errors, timeZone, onChange, onRemove }: Props) {
  return (
    <div className="table-wrap">
      <table className="table fills-table" data-testid="fills-table">
        <caption className="visually-hidden">Fills to add</caption>
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col">Asset class</th>
            <th scope="col">Side</th>
            <th scope="col">Quantity</th>
            <th scope="col">Price</th>
            <th scope="col">Fee</th>
            <th scope="col">Date and time ({timeZone})</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const rowErrors = errors.get(row.key) ?? {};
            const cell = (field: FillField) => {
              const id = `fill-${row.key}-${field}`;
              const error = rowErrors[field];
              return {
                id,
                'aria-label': `${labels[field]}, fill ${index + 1}`,
                'aria-invalid': error ? true : undefined,
                'aria-describedby': error ? `${id}-error` : undefined,
              };
            };
            const error = (field: FillField) =>
              rowErrors[field] ? (
                <span className="field__error" id={`fill-${row.key}-${field}-error`}>
                  {rowErrors[field]}
                </span>
              ) : null;
            return (
              <tr key={row.key} data-testid="fill-row">
                <td>
                  <input
                    {...cell('symbol')}
                    className="fills-table__symbol"
                    value={row.symbol}
                    maxLength={40}
                    autoCapitalize="characters"
                    onChange={(e) => onChange(row.key, { symbol: e.target.value })}
                  />
                  {error('symbol')}
                </td>
                <td>
                  <select
                    {...cell('assetClass')}
                    value={row.assetClass}
                    onChange={(e) => onChange(row.key, { assetClass: e.target.value as AssetClass })}
                  >
                    {assetClasses.map((a) => (
                      <option key={a.value} value={a.value}>
                        {a.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    {...cell('side')}
                    value={row.side}
                    onChange={(e) => onChange(row.key, { side: e.target.value as ExecutionSide })}
                  >
                    <option value="buy">Buy</option>
                    <option value="sell">Sell</option>
                  </select>
                </td>
                {(['quantity', 'price', 'fee'] as const).map((field) => (
                  <td key={field}>
                    <input
                      {...cell(field)}
                      className="fills-table__number"
                      inputMode="decimal"
                      placeholder={field === 'fee' ? '0' : undefined}
                      value={row[field]}
                      onChange={(e) => onChange(row.key, { [field]: e.target.value })}
                    />
                    {error(field)}
                  </td>
                ))}
                <td>
                  <input
                    {...cell('executedAt')}
                    type="datetime-local"
                    step={1}
                    value={row.executedAt}
                    onChange={(e) => onChange(row.key, { executedAt: e.target.value })}
                  />
                  {error('executedAt')}
                </td>
                <td>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove fill ${index + 1}`}
                    title="Remove this fill"
                    onClick={() => onRemove(row.key)}
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
