/**
 * thinkorswim statements put fees only on the cash lines ("Cash Balance", "Futures
 * Statements"), never on the trade-history fills. This reads TRD cash lines so a fill can
 * find its fees (and its time to the second: the trade history stops at minutes).
 */
import type { Decimal, ExecutionSide } from '../../domain/types';
import { headerMap, normalizeHeader, type CsvRow, type HeaderMap } from '../csv';
import { addDecimals, negateDecimal, parseDecimal } from '../numbers';
import { parseBrokerTime } from '../time';
import { cell, recordsBetween } from './csv-records';

/** One TRD cash line: what it says was traded, when, and the fees it charged. */
export type CashFill = { key: string; executedAt: number; fee: Decimal; ref: string | null; line: number };

/** What a fill and its cash line must share; time is to the minute. */
export type FillKey = { side: ExecutionSide; quantity: Decimal; symbol: string; price: Decimal; minute: number };

const FEE_HEADER = ['Type', 'Description', 'Misc Fees', 'Commissions & Fees'];
const TRADE_TEXT = /\b(BOT|SOLD)\s+([+-]?[\d,]*\.?\d+)\s+(\S+)\s+@\s*([\d,]*\.?\d+)\s*$/;

/** The matching key for a fill. */
export function fillKey(key: FillKey): string {
  return `${key.side}|${key.quantity}|${key.symbol}|${key.price}|${key.minute}`;
}

/** TRD cash lines from every fee-bearing section, grouped by fill key in file order. */
export function readCashFills(rows: readonly CsvRow[], timeZone: string): Map<string, CashFill[]> {
  const byKey = new Map<string, CashFill[]>();
  for (const [start, columns] of feeSections(rows)) {
    const end = sectionEnd(rows, start);
    for (const record of recordsBetween(rows, start, end, columns)) {
      if (cell(record, 'Type').toUpperCase() !== 'TRD') continue;
      const date = cell(record, columns.has('date') ? 'Date' : 'Exec Date');
      const time = cell(record, columns.has('time') ? 'Time' : 'Exec Time');
      const fill = cashFill(cell(record, 'Description'), `${date} ${time}`, timeZone);
      if (fill === null) continue;
      const fees = [cell(record, 'Misc Fees'), cell(record, 'Commissions & Fees')].map((text) =>
        parseDecimal(text || '0'),
      );
      const charged = addDecimals(...fees.map((fee) => (fee.ok ? fee.value : '0')));
      const entry: CashFill = {
        key: fill.key,
        executedAt: fill.executedAt,
        fee: negateDecimal(charged),
        ref: cell(record, 'Ref #') || null,
        line: record.line,
      };
      byKey.set(fill.key, [...(byKey.get(fill.key) ?? []), entry]);
    }
  }
  return byKey;
}

/** Index of the first blank row at or after `from` (sections end with a row of empty cells). */
export function sectionEnd(rows: readonly CsvRow[], from: number): number {
  let index = from;
  while (index < rows.length && !(rows[index]?.fields ?? []).every((field) => field.trim() === '')) index++;
  return index;
}

function* feeSections(rows: readonly CsvRow[]): Generator<[number, HeaderMap]> {
  const wanted = FEE_HEADER.map(normalizeHeader);
  for (let index = 0; index < rows.length; index++) {
    const names = headerMap(rows[index]?.fields ?? []);
    if (wanted.every((name) => names.has(name))) yield [index + 1, names];
  }
}

function cashFill(description: string, when: string, timeZone: string): { key: string; executedAt: number } | null {
  const match = TRADE_TEXT.exec(description);
  const time = parseBrokerTime(when, { timeZone });
  if (!match || !time.ok) return null;
  const [, verb, quantityText = '', rawSymbol = '', priceText = ''] = match;
  const quantity = parseDecimal(quantityText);
  const price = parseDecimal(priceText);
  if (!quantity.ok || !price.ok) return null;
  const key = fillKey({
    side: verb === 'BOT' ? 'buy' : 'sell',
    quantity: quantity.value.replace(/^-/, ''),
    // Futures lines name the exchange ("/ESZ22:XCME"); the trade history does not.
    symbol: rawSymbol.replace(/:.*$/, '').toUpperCase(),
    price: price.value,
    minute: Math.floor(time.value / 60_000) * 60_000,
  });
  return { key, executedAt: time.value };
}
