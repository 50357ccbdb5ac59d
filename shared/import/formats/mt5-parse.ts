/**
 * MetaTrader 5 Trade History Report, from rows: shared by the HTML reader (mt5-report.ts) and
 * the Excel reader (mt5-xlsx.ts), which differ only in how they get the rows.
 * The Deals table is the source of fills; without it, Positions are the fallback, with a
 * warning. Orders that never filled (canceled, rejected, expired) and working orders count as
 * ignored; filled orders are already in Deals. Server time has no zone: ctx.timeZone, else UTC
 * with one warning, as for MT4.
 */
import { isValidTimeZone } from '../time';
import { ImportFormatError, type ImportIssue, type ParseContext, type ParseResult } from '../types';
import { DEAL_COLUMNS, readDeals } from './mt5-deals';
import { fillsToExecutions, type Mt5Fill } from './mt5-fills';
import { POSITION_COLUMNS, readPositions } from './mt5-positions';
import {
  cellIn,
  missingColumns,
  readMt5Report,
  type Mt5Issue,
  type Mt5Report,
  type Mt5Row,
  type Mt5Table,
} from './mt5-rows';

export type { Mt5Row } from './mt5-rows';

/** Parses the rows of an MT5 report; throws ImportFormatError when they are not one. */
export function parseMt5Rows(rows: readonly Mt5Row[], ctx: ParseContext): ParseResult {
  const file = ctx.fileName;
  const zone = ctx.timeZone ?? 'UTC';
  if (!isValidTimeZone(zone)) throw new ImportFormatError(file, 1, `unknown time zone "${zone}"`);
  const report = readMt5Report(rows);
  if (report.isTesterReport) {
    throw new ImportFormatError(
      file,
      1,
      'this is a MetaTrader 5 Strategy Tester report: its deals are simulated, not account history',
    );
  }
  const issue: Mt5Issue = (line, column, message) => ({ file, line, column, message });
  const warnings: ImportIssue[] = [];
  if (ctx.timeZone === undefined) {
    warnings.push(
      issue(
        1,
        null,
        'MetaTrader server time has no zone and was read as UTC; set the broker server zone (often UTC+2/+3) and import again to correct it.',
      ),
    );
  }
  const read = readFills(report, file, zone, issue);
  const converted = fillsToExecutions(read.fills, report, issue);
  const orders = unfilledOrders(report.tables.get('Orders')) + unfilledOrders(report.tables.get('Working Orders'));
  return {
    executions: converted.executions,
    ignored: read.ignored + orders,
    errors: read.errors,
    warnings: [...warnings, ...read.warnings, ...converted.warnings],
  };
}

type Fills = { fills: Mt5Fill[]; ignored: number; errors: ImportIssue[]; warnings: ImportIssue[] };

/** Fills from Deals, else from Positions (with a warning); neither table means another file. */
function readFills(report: Mt5Report, file: string, zone: string, issue: Mt5Issue): Fills {
  const deals = report.tables.get('Deals');
  if (deals !== undefined) {
    requireColumns(file, deals, DEAL_COLUMNS);
    return { ...readDeals(deals, zone, issue), warnings: [] };
  }
  const positions = report.tables.get('Positions');
  if (positions === undefined) {
    throw new ImportFormatError(file, 1, 'not a MetaTrader 5 Trade History Report (no Deals or Positions table)');
  }
  requireColumns(file, positions, [...POSITION_COLUMNS, 'Close Time', 'Close Price']);
  const warning = issue(
    positions.line,
    null,
    'The report has no Deals table: fills were rebuilt from Positions, one opening and one closing fill per position at its average prices. A full report of the same period imported later will not match them and will add its deals again.',
  );
  return {
    ...readPositions(positions, report.tables.get('Open Positions'), zone, issue),
    ignored: 0,
    warnings: [warning],
  };
}

function requireColumns(file: string, table: Mt5Table, required: readonly string[]): void {
  const missing = missingColumns(table, required);
  if (missing.length === 0) return;
  throw new ImportFormatError(
    file,
    table.line,
    `the ${table.title} table has no ${missing.join(', ')} column; save the report with MetaTrader set to English`,
  );
}

/** Orders that produced no deal: every working order, and history orders not filled in part or whole. */
function unfilledOrders(table: Mt5Table | undefined): number {
  if (table === undefined) return 0;
  return table.rows.filter((row) => {
    if (!/^\d+$/.test(cellIn(table, row, 'Order'))) return false;
    const state = cellIn(table, row, 'State').toLowerCase();
    return table.title === 'Working Orders' || !(state === 'filled' || state.startsWith('partial'));
  }).length;
}
