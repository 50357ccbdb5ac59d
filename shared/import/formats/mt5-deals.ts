/**
 * The Deals table of an MT5 report: every buy or sell deal is one fill, whatever its direction
 * ("in" opens, "out" closes, "in/out" reverses a netting position with one fill of the full
 * volume, "out by" closes against an opposite position). Deal is the fill's id.
 * Fee = −(Commission + Fee + Swap): MT5 writes charges as negatives, so a positive swap
 * (a credit) makes a negative fee. Balance, credit, bonus, commission and other cash rows,
 * and deals MT5 marks "buy canceled"/"sell canceled", are counted as ignored.
 */
import type { ExecutionSide } from '../../domain/types';
import { absDecimal, addDecimals, isZeroDecimal, negateDecimal } from '../numbers';
import type { ImportIssue } from '../types';
import type { Mt5Fill } from './mt5-fills';
import { cellIn, decimalIn, Mt5CellError, timeIn, type Mt5Issue, type Mt5Row, type Mt5Table } from './mt5-rows';

/** Columns a Deals table must have. */
export const DEAL_COLUMNS = ['Time', 'Deal', 'Symbol', 'Type', 'Direction', 'Volume', 'Price'];

const DIRECTIONS = new Set(['in', 'out', 'inout', 'outby']);

/** Fills from the Deals table; cash rows are counted, bad rows reported. */
export function readDeals(
  table: Mt5Table,
  zone: string,
  issue: Mt5Issue,
): { fills: Mt5Fill[]; ignored: number; errors: ImportIssue[] } {
  const fills: Mt5Fill[] = [];
  const errors: ImportIssue[] = [];
  let ignored = 0;
  for (const row of table.rows) {
    // The totals row under the table (and spacer rows) have neither a time nor a deal number.
    if (cellIn(table, row, 'Time') === '' && cellIn(table, row, 'Deal') === '') continue;
    try {
      const fill = readDeal(table, row, zone);
      if (fill === null) ignored++;
      else fills.push(fill);
    } catch (error) {
      if (!(error instanceof Mt5CellError)) throw error;
      errors.push(issue(row.line, error.column, error.message));
    }
  }
  return { fills, ignored, errors };
}

/** One deal row: a fill, or null for a row that is not a trade. */
function readDeal(table: Mt5Table, row: Mt5Row, zone: string): Mt5Fill | null {
  const get = (column: string) => cellIn(table, row, column);
  const type = get('Type').toLowerCase();
  const direction = get('Direction').toLowerCase().replace(/[\s/]/g, '');
  if (type !== 'buy' && type !== 'sell') {
    if (direction === '' || type.endsWith(' canceled')) return null;
    throw new Mt5CellError('Type', `Type "${get('Type')}" is not buy or sell`);
  }
  if (!DIRECTIONS.has(direction)) {
    throw new Mt5CellError('Direction', `Direction "${get('Direction')}" is not in, out, in/out or out by`);
  }
  const deal = get('Deal');
  if (!/^\d+$/.test(deal)) throw new Mt5CellError('Deal', `Deal "${deal}" is not a deal number`);
  const symbol = get('Symbol');
  if (symbol === '') throw new Mt5CellError('Symbol', 'Symbol is empty');
  const lots = absDecimal(decimalIn(table, row, 'Volume'));
  if (isZeroDecimal(lots)) throw new Mt5CellError('Volume', 'Volume is zero');
  const charges = ['Commission', 'Fee', 'Swap'].map((column) => decimalIn(table, row, column, true));
  return {
    brokerExecId: deal,
    orderId: get('Order') || null,
    symbol,
    side: type satisfies ExecutionSide,
    lots,
    price: decimalIn(table, row, 'Price'),
    fee: negateDecimal(addDecimals(...charges)),
    executedAt: timeIn(table, row, 'Time', zone),
    line: row.line,
  };
}
