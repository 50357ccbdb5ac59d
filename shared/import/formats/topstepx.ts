/**
 * TopstepX / ProjectX "trades export" CSV: one row per round trip (entry and exit), not per
 * fill. Each row becomes an entry execution and an exit execution, ids `<Id>:entry` and
 * `<Id>:exit`. The row's Fees (round-trip commission) are split half and half, exactly, so
 * a partial close elsewhere in the journal carries its share. Times carry their offset
 * ("05/08/2025 11:22:07 -04:00"); a time without one is read in ctx.timeZone, else New York.
 */
import type { ExecutionSide } from '../../domain/types';
import { halveDecimal } from '../numbers';
import type { BrokerFormat, ImportIssue, ParseContext, ParseResult, ParsedExecution } from '../types';
import {
  cell,
  decimalCell,
  detectByHeader,
  issue,
  mapRecords,
  optionalDecimalCell,
  quantityCell,
  readRecords,
  requiredCell,
  resolveTimeZone,
  RowError,
  timeValue,
  type CsvRecord,
} from './csv-records';

const DEFAULT_ZONE = 'America/New_York';
const REQUIRED = ['Id', 'ContractName', 'EnteredAt', 'ExitedAt', 'EntryPrice', 'ExitPrice', 'Size', 'Type'];
const DISTINCTIVE = ['Fees', 'PnL', 'TradeDay', 'TradeDuration'];
const HAS_OFFSET = /(?:[+-]\d{2}:?\d{2}|Z)$/;

/** TopstepX (ProjectX) trades export CSV. */
export const topstepxFormat: BrokerFormat = {
  id: 'topstepx',
  streamable: true,
  label: 'TopstepX trades export',
  detect: (sample) => detectByHeader(sample, REQUIRED, DISTINCTIVE),
  parse: parseTopstepX,
};

function parseTopstepX(text: string, ctx: ParseContext): ParseResult {
  const { headerLine, records } = readRecords(text, ctx, REQUIRED, 'TopstepX trades export');
  const { timeZone, defaulted } = resolveTimeZone(ctx, DEFAULT_ZONE);
  const firstLineOfId = new Map<string, number>();
  const warnings: ImportIssue[] = [];
  const unique = records.filter((record) => {
    const id = cell(record, 'Id');
    const seen = firstLineOfId.get(id);
    if (id === '' || seen === undefined) {
      firstLineOfId.set(id, record.line);
      return true;
    }
    warnings.push(issue(ctx.fileName, record.line, 'Id', `trade ${id} repeats line ${seen}; skipped`));
    return false;
  });
  const { items, errors } = mapRecords(unique, ctx.fileName, (record) => roundTrip(record, timeZone));
  const zoneless = unique.some((record) => !HAS_OFFSET.test(cell(record, 'EnteredAt')));
  if (defaulted && zoneless && items.length > 0) {
    warnings.push(issue(ctx.fileName, headerLine, 'EnteredAt', `some times have no offset; read as ${DEFAULT_ZONE}`));
  }
  return { executions: items.flat(), ignored: records.length - unique.length, errors, warnings };
}

function roundTrip(record: CsvRecord, timeZone: string): [ParsedExecution, ParsedExecution] {
  const id = requiredCell(record, 'Id');
  const side = entrySideOf(requiredCell(record, 'Type'));
  const symbol = requiredCell(record, 'ContractName').toUpperCase();
  const quantity = quantityCell(record, 'Size');
  const fee = halveDecimal(optionalDecimalCell(record, 'Fees'));
  const enteredAt = timeValue(cell(record, 'EnteredAt'), 'EnteredAt', timeZone);
  const exitedAt = timeValue(cell(record, 'ExitedAt'), 'ExitedAt', timeZone);
  if (exitedAt < enteredAt) throw new RowError('ExitedAt', 'ExitedAt is before EnteredAt');
  const leg = (suffix: string, legSide: ExecutionSide, price: string, executedAt: number): ParsedExecution => ({
    brokerExecId: `${id}:${suffix}`,
    orderId: null,
    account: null,
    symbol,
    assetClass: 'future',
    side: legSide,
    quantity,
    price,
    fee,
    currency: null,
    executedAt,
    line: record.line,
  });
  return [
    leg('entry', side, decimalCell(record, 'EntryPrice'), enteredAt),
    leg('exit', side === 'buy' ? 'sell' : 'buy', decimalCell(record, 'ExitPrice'), exitedAt),
  ];
}

function entrySideOf(type: string): ExecutionSide {
  const word = type.toLowerCase();
  if (word === 'long') return 'buy';
  if (word === 'short') return 'sell';
  throw new RowError('Type', `Type "${type}" is not Long or Short`);
}
