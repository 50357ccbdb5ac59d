import type { AssetClass } from '../../../../shared/domain/types';
import {
  parseGenericCsvMapping,
  suggestGenericMapping,
  type GenericCsvMappingInput,
  type GenericDateFormat,
} from '../../../../shared/import/formats/generic-csv';
import type { CsvHead } from './csv-head';

export type Delimiter = 'auto' | ',' | ';' | '\t';

/** What the column mapping editor holds: every choice as a plain string ('' = none). */
export type MappingDraft = {
  dateMode: 'one' | 'two';
  /** The column with date and time together (dateMode 'one'). */
  dateTime: string;
  date: string;
  time: string;
  dateFormat: GenericDateFormat;
  symbol: string;
  /** '' reads the side from the sign of the quantity. */
  side: string;
  quantity: string;
  price: string;
  fees: string[];
  orderId: string;
  execId: string;
  account: string;
  /** '' gives every row `assetFixed`. */
  assetColumn: string;
  assetFixed: AssetClass;
  decimalComma: boolean;
  delimiter: Delimiter;
  /** Settings the editor does not show (buy/sell words, fee sign, currency), kept from a preset or the guess. */
  kept: Partial<Pick<GenericCsvMappingInput, 'buyValues' | 'sellValues' | 'feeSign' | 'currency' | 'timeZone'>>;
};

export type DraftField = Exclude<keyof MappingDraft, 'kept'>;
export type DraftErrors = Partial<Record<DraftField, string>>;

/** A draft from a saved or guessed mapping; what it leaves out stays empty for the trader. */
export function draftFromMapping(m: Partial<GenericCsvMappingInput>): MappingDraft {
  const dt = m.dateTime;
  const kept: MappingDraft['kept'] = {};
  if (m.buyValues !== undefined) kept.buyValues = m.buyValues;
  if (m.sellValues !== undefined) kept.sellValues = m.sellValues;
  if (m.feeSign !== undefined) kept.feeSign = m.feeSign;
  if (m.currency !== undefined) kept.currency = m.currency;
  if (m.timeZone !== undefined) kept.timeZone = m.timeZone;
  return {
    dateMode: dt !== undefined && 'dateColumn' in dt ? 'two' : 'one',
    dateTime: dt !== undefined && 'column' in dt ? dt.column : '',
    date: dt !== undefined && 'dateColumn' in dt ? dt.dateColumn : '',
    time: dt !== undefined && 'timeColumn' in dt ? dt.timeColumn : '',
    dateFormat: m.dateFormat ?? 'YYYY-MM-DD',
    symbol: m.symbol ?? '',
    side: m.sideColumn ?? '',
    quantity: m.quantity ?? '',
    price: m.price ?? '',
    fees: m.fees ?? [],
    orderId: m.orderId ?? '',
    execId: m.execId ?? '',
    account: m.account ?? '',
    assetColumn: m.assetClass !== undefined && 'column' in m.assetClass ? m.assetClass.column : '',
    assetFixed: m.assetClass !== undefined && 'fixed' in m.assetClass ? m.assetClass.fixed : 'stock',
    decimalComma: m.decimalComma ?? false,
    delimiter: m.delimiter ?? 'auto',
    kept,
  };
}

/** The editor's fields the guess could not fill ("side": quantities carry no sign and no side column was found). */
export type SuggestedDraft = { draft: MappingDraft; missing: DraftField[] };

/** Pre-fills the editor from the file's header and first rows (shared `suggestGenericMapping`). */
export function suggestDraft(head: CsvHead): SuggestedDraft {
  const { mapping, missing } = suggestGenericMapping(head.headers, head.rows);
  const draft = draftFromMapping(mapping);
  // The shared guess names its gaps with the editor's own field names ("dateTime", "side"…).
  return { draft, missing: missing.filter((name): name is DraftField => name in draft && name !== 'kept') };
}

/** The mapping for `import.preview` / `import.presets.save`, or what to fix, field by field. */
export function mappingFromDraft(
  d: MappingDraft,
  headers?: readonly string[],
): { ok: true; mapping: GenericCsvMappingInput } | { ok: false; errors: DraftErrors; message: string } {
  const errors: DraftErrors = {};
  const known = headers === undefined ? null : new Set(headers.map((h) => h.trim().toLowerCase()));
  const need = (field: DraftField, value: string, what: string) => {
    if (value.trim() === '') errors[field] = `Choose the ${what} column.`;
    else if (known !== null && !known.has(value.trim().toLowerCase()))
      errors[field] = `“${value}” is not a column of this file.`;
  };
  const optional = (field: DraftField, value: string) => {
    if (value !== '') need(field, value, '');
  };
  if (d.dateMode === 'one') need('dateTime', d.dateTime, 'date and time');
  else {
    need('date', d.date, 'date');
    need('time', d.time, 'time');
  }
  need('symbol', d.symbol, 'symbol');
  need('quantity', d.quantity, 'quantity');
  need('price', d.price, 'price');
  for (const field of ['side', 'orderId', 'execId', 'account', 'assetColumn'] as const) optional(field, d[field]);
  const unknownFee = d.fees.find((fee) => known !== null && !known.has(fee.trim().toLowerCase()));
  if (unknownFee !== undefined) errors.fees = `“${unknownFee}” is not a column of this file.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors, message: 'Choose a column for each marked field.' };

  const mapping: GenericCsvMappingInput = {
    ...d.kept,
    version: 1,
    delimiter: d.delimiter,
    decimalComma: d.decimalComma,
    dateTime: d.dateMode === 'one' ? { column: d.dateTime } : { dateColumn: d.date, timeColumn: d.time },
    dateFormat: d.dateFormat,
    symbol: d.symbol,
    sideColumn: d.side === '' ? null : d.side,
    quantity: d.quantity,
    price: d.price,
    fees: d.fees,
    orderId: d.orderId === '' ? null : d.orderId,
    execId: d.execId === '' ? null : d.execId,
    account: d.account === '' ? null : d.account,
    assetClass: d.assetColumn === '' ? { fixed: d.assetFixed } : { column: d.assetColumn },
  };
  // The shared schema has the last word (e.g. a preset's buy/sell words), so a draft never sends what the core refuses.
  const checked = parseGenericCsvMapping(mapping);
  if (!checked.ok) return { ok: false, errors: {}, message: `This mapping cannot be used: ${checked.error}.` };
  return { ok: true, mapping };
}
