/**
 * Fallback for an MT5 report without its Deals table: fills rebuilt from Positions, as the MT4
 * reader does with tickets. A closed position gives a `<position>:open` fill and an opposite
 * `<position>:close` fill at the average open and close prices; an open position (the "Open
 * Positions" table) gives the opening fill only. Commission goes on the opening fill and swap,
 * negated, on the closing one; an open position's swap is not final and is left out.
 * Volume "0.05 / 0.10" (closed / original, after a partial close) counts as the first number.
 */
import type { ExecutionSide } from '../../domain/types';
import { absDecimal, isZeroDecimal, negateDecimal } from '../numbers';
import type { ImportIssue } from '../types';
import type { Mt5Fill } from './mt5-fills';
import {
  cellIn,
  decimalIn,
  decimalText,
  Mt5CellError,
  timeIn,
  type Mt5Issue,
  type Mt5Row,
  type Mt5Table,
} from './mt5-rows';

/** Columns a Positions table must have. */
export const POSITION_COLUMNS = ['Time', 'Position', 'Symbol', 'Type', 'Volume', 'Price'];

/** Fills from closed positions and, when given, still-open ones. */
export function readPositions(
  closed: Mt5Table,
  open: Mt5Table | undefined,
  zone: string,
  issue: Mt5Issue,
): { fills: Mt5Fill[]; errors: ImportIssue[] } {
  const fills: Mt5Fill[] = [];
  const errors: ImportIssue[] = [];
  const tables: [Mt5Table, boolean][] =
    open === undefined
      ? [[closed, true]]
      : [
          [closed, true],
          [open, false],
        ];
  for (const [table, isClosed] of tables) {
    for (const row of table.rows) {
      if (cellIn(table, row, 'Time') === '' && cellIn(table, row, 'Position') === '') continue;
      try {
        fills.push(...readPosition(table, row, zone, isClosed));
      } catch (error) {
        if (!(error instanceof Mt5CellError)) throw error;
        errors.push(issue(row.line, error.column, error.message));
      }
    }
  }
  return { fills, errors };
}

function readPosition(table: Mt5Table, row: Mt5Row, zone: string, isClosed: boolean): Mt5Fill[] {
  const get = (column: string) => cellIn(table, row, column);
  const type = get('Type').toLowerCase();
  if (type !== 'buy' && type !== 'sell') throw new Mt5CellError('Type', `Type "${get('Type')}" is not buy or sell`);
  const position = get('Position');
  if (!/^\d+$/.test(position)) throw new Mt5CellError('Position', `Position "${position}" is not a position number`);
  const symbol = get('Symbol');
  if (symbol === '') throw new Mt5CellError('Symbol', 'Symbol is empty');
  const volume = get('Volume').split('/')[0]?.trim() ?? '';
  const lots = absDecimal(decimalText(volume, 'Volume'));
  if (isZeroDecimal(lots)) throw new Mt5CellError('Volume', 'Volume is zero');
  const base = { orderId: position, symbol, lots, line: row.line };
  const opening: Mt5Fill = {
    ...base,
    brokerExecId: `${position}:open`,
    side: type satisfies ExecutionSide,
    price: decimalIn(table, row, 'Price'),
    fee: negateDecimal(decimalIn(table, row, 'Commission', true)),
    executedAt: timeIn(table, row, 'Time', zone),
  };
  if (!isClosed) return [opening];
  return [
    opening,
    {
      ...base,
      brokerExecId: `${position}:close`,
      side: type === 'buy' ? 'sell' : 'buy',
      price: decimalIn(table, row, 'Close Price'),
      fee: negateDecimal(decimalIn(table, row, 'Swap', true)),
      executedAt: timeIn(table, row, 'Close Time', zone),
    },
  ];
}
