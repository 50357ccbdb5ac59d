import type { ManualExecution } from '../../../../shared/contract';
import type { AssetClass, ExecutionSide } from '../../../../shared/domain/types';
import { localInputToUtc } from './local-time';

/** One row of the manual entry table, as typed (strings, so nothing passes through a float). */
export type FillDraft = {
  key: number;
  symbol: string;
  assetClass: AssetClass;
  side: ExecutionSide;
  quantity: string;
  price: string;
  fee: string;
  /** A `datetime-local` value in the display time zone. */
  executedAt: string;
};

export type FillField = Exclude<keyof FillDraft, 'key'>;
export type FillErrors = Partial<Record<FillField, string>>;

/** The contract takes 1–500 fills per call. */
export const MAX_FILLS = 500;
/** A fill a little in the future is a clock difference; more is a typing slip. */
const FUTURE_SLACK_MS = 5 * 60_000;
const SYMBOL_MAX = 40;

export const assetClasses: { value: AssetClass; label: string }[] = [
  { value: 'stock', label: 'Stock' },
  { value: 'future', label: 'Future' },
  { value: 'option', label: 'Option' },
  { value: 'crypto', label: 'Crypto' },
  { value: 'forex', label: 'Forex' },
];

let nextKey = 1;

/** A fresh row; `template` carries over what the trader typed in the row before. */
export function newFill(executedAt: string, template: Partial<Omit<FillDraft, 'key'>> = {}): FillDraft {
  return {
    symbol: '',
    assetClass: 'stock',
    side: 'buy',
    quantity: '',
    price: '',
    fee: '',
    executedAt,
    ...template,
    key: nextKey++,
  };
}

/** An entry and its exit: opposite sides, the same symbol, asset class and quantity. */
export function roundTrip(executedAt: string, from?: FillDraft): [FillDraft, FillDraft] {
  const shared = from ? { symbol: from.symbol, assetClass: from.assetClass, quantity: from.quantity } : {};
  const entrySide: ExecutionSide = from?.side ?? 'buy';
  return [
    newFill(executedAt, { ...shared, side: entrySide }),
    newFill(executedAt, { ...shared, side: entrySide === 'buy' ? 'sell' : 'buy' }),
  ];
}

// The contract's decimal shape; a comma or a leading point is read as the trader meant it.
const DECIMAL = /^-?\d+(\.\d+)?$/;

function normalizeDecimal(text: string): string {
  return text
    .trim()
    .replace(/^(-?)\./, '$10.')
    .replace(/^(-?\d+),(\d+)$/, '$1.$2');
}

function checkDecimal(text: string, what: 'quantity' | 'price' | 'fee'): { value: string } | { error: string } {
  const value = normalizeDecimal(text);
  if (value === '') {
    if (what === 'fee') return { value: '0' };
    return { error: what === 'quantity' ? 'Enter the quantity.' : 'Enter the price.' };
  }
  if (!DECIMAL.test(value)) return { error: 'Enter a number like 12.5 (no thousands separators).' };
  if (what !== 'fee' && value.startsWith('-')) return { error: `The ${what} cannot be negative.` };
  if (what === 'quantity' && !/[1-9]/.test(value)) return { error: 'The quantity must be more than zero.' };
  return { value };
}

export type FillsCheck =
  { ok: true; executions: ManualExecution[] } | { ok: false; errors: Map<number, FillErrors>; message: string };

/** Check every row; either the executions for `executions.add` or a message per field. */
export function validateFills(rows: readonly FillDraft[], timeZone: string, now: number): FillsCheck {
  if (rows.length === 0) return { ok: false, errors: new Map(), message: 'Add at least one fill.' };
  if (rows.length > MAX_FILLS) {
    return { ok: false, errors: new Map(), message: `Add at most ${MAX_FILLS} fills at a time.` };
  }
  const errors = new Map<number, FillErrors>();
  const executions: ManualExecution[] = [];
  for (const row of rows) {
    const rowErrors: FillErrors = {};
    const symbol = row.symbol.trim();
    if (symbol === '') rowErrors.symbol = 'Enter the symbol.';
    else if (symbol.length > SYMBOL_MAX) rowErrors.symbol = `Use at most ${SYMBOL_MAX} characters.`;
    const quantity = checkDecimal(row.quantity, 'quantity');
    if ('error' in quantity) rowErrors.quantity = quantity.error;
    const price = checkDecimal(row.price, 'price');
    if ('error' in price) rowErrors.price = price.error;
    const fee = checkDecimal(row.fee, 'fee');
    if ('error' in fee) rowErrors.fee = fee.error;
    const at = localInputToUtc(row.executedAt, timeZone);
    if (!at.ok) rowErrors.executedAt = at.error;
    else if (at.value < 0) rowErrors.executedAt = 'Enter a time after 1970.';
    else if (at.value > now + FUTURE_SLACK_MS) rowErrors.executedAt = 'This time is in the future.';
    if (Object.keys(rowErrors).length > 0) {
      errors.set(row.key, rowErrors);
      continue;
    }
    if ('value' in quantity && 'value' in price && 'value' in fee && at.ok) {
      executions.push({
        symbol: symbol.toUpperCase(),
        assetClass: row.assetClass,
        side: row.side,
        quantity: quantity.value,
        price: price.value,
        fee: fee.value,
        executedAt: at.value,
      });
    }
  }
  if (errors.size > 0) {
    const rowsWord = errors.size === 1 ? 'One fill needs' : `${errors.size} fills need`;
    return { ok: false, errors, message: `${rowsWord} a correction; see the marked fields.` };
  }
  return { ok: true, executions };
}

/** Marks the rows a refused `executions.add` names ("executions.3.price") on the fields they came from. */
export function fieldErrorsFromCore(
  fields: readonly { path: string; message: string }[],
  rows: readonly FillDraft[],
): Map<number, FillErrors> {
  const errors = new Map<number, FillErrors>();
  const names: readonly string[] = ['symbol', 'assetClass', 'side', 'quantity', 'price', 'fee', 'executedAt'];
  for (const { path, message } of fields) {
    const match = /^executions\.(\d+)\.(\w+)$/.exec(path);
    const row = match ? rows[Number(match[1])] : undefined;
    const field = match?.[2];
    if (!row || field === undefined || !names.includes(field)) continue;
    errors.set(row.key, { ...errors.get(row.key), [field]: message });
  }
  return errors;
}
