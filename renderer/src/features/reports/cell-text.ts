import { formatMoney, formatR } from '../../format/money';
import { NOT_AVAILABLE, percentText, ratioText } from '../dashboard/figures';
import type { CsvCell } from './csv';
import { numericOf, type ColumnKind } from './report-tables';

const count = new Intl.NumberFormat();

/** A cell as the screen shows it; anything without a value is "n/a". */
export function cellText(cell: CsvCell, kind: ColumnKind, currency: string): string {
  if (cell === null) return NOT_AVAILABLE;
  if (kind === 'text') return String(cell);
  const n = numericOf(cell);
  if (n === null) return NOT_AVAILABLE;
  switch (kind) {
    case 'count':
      return count.format(n);
    case 'money':
      return formatMoney(typeof cell === 'string' ? cell : n.toFixed(2), currency);
    case 'percent':
      return percentText(n);
    case 'ratio':
      return ratioText(n);
    case 'r':
      return formatR(n.toFixed(2));
  }
}
