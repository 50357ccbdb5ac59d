/**
 * Tradovate Position History CSV with paired-fill columns (26 columns). Each row is one
 * FIFO pair; the position-level totals (Bought, Sold, Avg. Buy...) are repeated on every
 * pair row and are only used to warn when the pairs do not account for the whole position.
 * See tradovate-pairs.ts for the pair → fill reconstruction and the default zone.
 */
import type { Decimal } from '../../domain/types';
import { addDecimals, compareDecimals, parseDecimal, subtractDecimals } from '../numbers';
import type { BrokerFormat, ImportIssue, ParseContext, ParseResult } from '../types';
import { cell, detectByHeader, issue, readRecords, resolveTimeZone, type CsvRecord } from './csv-records';
import { fillsFromPairs, TRADOVATE_DEFAULT_ZONE, type PairColumns } from './tradovate-pairs';

const COLUMNS: PairColumns = {
  symbol: 'Contract',
  buyFillId: 'Buy Fill ID',
  sellFillId: 'Sell Fill ID',
  quantity: 'Paired Qty',
  buyPrice: 'Buy Price',
  sellPrice: 'Sell Price',
  boughtAt: 'Bought Timestamp',
  soldAt: 'Sold Timestamp',
  account: 'Account',
  currency: 'Currency',
};
const REQUIRED = [
  'Contract',
  'Buy Fill ID',
  'Sell Fill ID',
  'Paired Qty',
  'Buy Price',
  'Sell Price',
  'Bought Timestamp',
  'Sold Timestamp',
];
const DISTINCTIVE = ['Position ID', 'Pair ID', 'Bought', 'Sold', 'Net Pos', 'Product', 'P/L'];

/** Tradovate Position History CSV (paired fills with position totals). */
export const tradovatePositionHistoryFormat: BrokerFormat = {
  id: 'tradovate-position-history',
  label: 'Tradovate Position History',
  detect: (sample) => detectByHeader(sample, REQUIRED, DISTINCTIVE),
  parse: parseTradovatePositionHistory,
};

function parseTradovatePositionHistory(text: string, ctx: ParseContext): ParseResult {
  const { headerLine, records } = readRecords(text, ctx, REQUIRED, 'Tradovate Position History');
  const { timeZone, defaulted } = resolveTimeZone(ctx, TRADOVATE_DEFAULT_ZONE);
  // A position with nothing paired yet has no fill ids on its row: nothing to import from it.
  const pairRows = records.filter(
    (record) => cell(record, COLUMNS.buyFillId) !== '' || cell(record, COLUMNS.sellFillId) !== '',
  );
  const paired = fillsFromPairs(pairRows, COLUMNS, ctx.fileName, timeZone);
  const { executions, errors } = paired;
  const warnings: ImportIssue[] = [...paired.warnings, ...unpairedWarnings(records, ctx.fileName)];
  if (executions.length > 0) {
    warnings.push(issue(ctx.fileName, headerLine, null, 'Position History has no commissions; fees are set to 0'));
    if (defaulted)
      warnings.push(
        issue(ctx.fileName, headerLine, 'Bought Timestamp', `times have no zone; read as ${TRADOVATE_DEFAULT_ZONE}`),
      );
  }
  return { executions, ignored: records.length - pairRows.length + paired.duplicates, errors, warnings };
}

type PositionTally = { line: number; bought: Decimal; sold: Decimal; paired: Decimal };

// Warns for each position whose pair rows cover fewer contracts than it bought or sold.
function unpairedWarnings(records: readonly CsvRecord[], file: string): ImportIssue[] {
  const positions = new Map<string, PositionTally>();
  for (const record of records) {
    const id = cell(record, 'Position ID');
    const bought = parseDecimal(cell(record, 'Bought'));
    const sold = parseDecimal(cell(record, 'Sold'));
    if (id === '' || !bought.ok || !sold.ok) continue;
    const paired = parseDecimal(cell(record, COLUMNS.quantity));
    const tally = positions.get(id) ?? { line: record.line, bought: bought.value, sold: sold.value, paired: '0' };
    if (paired.ok) tally.paired = addDecimals(tally.paired, paired.value);
    positions.set(id, tally);
  }
  const warnings: ImportIssue[] = [];
  for (const [id, tally] of positions) {
    const larger = compareDecimals(tally.bought, tally.sold) >= 0 ? tally.bought : tally.sold;
    if (compareDecimals(tally.paired, larger) >= 0) continue;
    const missing = subtractDecimals(larger, tally.paired);
    warnings.push(
      issue(
        file,
        tally.line,
        COLUMNS.quantity,
        `position ${id}: pairs cover ${tally.paired} of ${tally.bought} bought and ${tally.sold} sold; fills for the other ${missing} are not in this file`,
      ),
    );
  }
  return warnings;
}
