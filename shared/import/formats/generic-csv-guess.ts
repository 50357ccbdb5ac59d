import type { GenericCsvMappingInput } from './generic-csv';
import { words, type GenericDateFormat } from './generic-csv-constants';

// Type-only imports above: this module stays free of zod, so the UI can guess mappings cheaply.

/** A guessed mapping: complete when `missing` is empty, else a start for the trader to finish. */
export type GenericCsvSuggestion = { mapping: Partial<GenericCsvMappingInput>; missing: string[] };

// Header names seen in broker exports, normalised (lower case, single spaces), best first.
const NAMES = {
  dateTime: words(
    'date/time|datetime|date time|timestamp|executed at|filled at|execution time|exec time|fill time|trade time|transaction time|time|date',
  ),
  date: words('date|trade date|t/d|exec date|execution date|fill date|transaction date'),
  time: words('time|exec time|execution time|trade time|fill time|transaction time'),
  symbol: words('symbol|ticker|instrument|contract|contract name|contractname|security|asset|item|market'),
  side: words('side|action|buy/sell|b/s|direction|order side|transaction type|trade type'),
  quantity: words('quantity|qty|shares|contracts|size|lots|volume|filled qty|fill qty|exec qty'),
  price: words(
    'price|fill price|exec price|execution price|trade price|avg price|avg. price|average price|filled price',
  ),
  fees: words(
    'commission|commissions|comm|fee|fees|commission & fees|commissions & fees|misc fees|sec|taf|nscc|ecn fee|ecn remove|ecn add|exchange fee|exchange fees|clearing fee|clearing fees|nfa fee|regulatory fee|reg fee',
  ),
  orderId: words('order id|orderid|order #|order number|order no|order'),
  execId: words('exec id|execution id|fill id|trade id|transaction id|execid|fillid|deal id|ticket|id'),
  account: words('account|account id|account number|account name|acct'),
  assetClass: words('asset class|asset type|asset category|security type|sec type|instrument type'),
  currency: words('currency|ccy'),
};

/** Guesses a mapping from header names; sample rows (optional) refine the date format and decimal comma. */
export function suggestGenericMapping(
  headers: readonly string[],
  sampleRows: readonly (readonly string[])[] = [],
): GenericCsvSuggestion {
  const byName = new Map<string, string>();
  for (const header of headers) {
    const name = header.trim().replace(/\s+/g, ' ').toLowerCase();
    if (name !== '' && !byName.has(name)) byName.set(name, header.trim());
  }
  const taken = new Set<string>();
  const pick = (names: readonly string[]): string | null => {
    for (const name of names) {
      const header = byName.get(name);
      if (header !== undefined && !taken.has(header)) {
        taken.add(header);
        return header;
      }
    }
    return null;
  };
  const mapping: Partial<GenericCsvMappingInput> = {};
  const missing: string[] = [];
  const dateColumn = pick(NAMES.date);
  const timeColumn = dateColumn === null ? null : pick(NAMES.time);
  if (dateColumn !== null && timeColumn !== null) mapping.dateTime = { dateColumn, timeColumn };
  else {
    if (dateColumn !== null) taken.delete(dateColumn);
    const combined = pick(NAMES.dateTime);
    if (combined !== null) mapping.dateTime = { column: combined };
    else missing.push('dateTime');
  }
  for (const field of ['symbol', 'quantity', 'price'] as const) {
    const found = pick(NAMES[field]);
    if (found !== null) mapping[field] = found;
    else missing.push(field);
  }
  mapping.sideColumn = pick(NAMES.side);
  const feeNames = new Set(NAMES.fees);
  mapping.fees = [...byName].filter(([name, header]) => feeNames.has(name) && !taken.has(header)).map(([, h]) => h);
  mapping.orderId = pick(NAMES.orderId);
  mapping.execId = pick(NAMES.execId);
  mapping.account = pick(NAMES.account);
  const assetColumn = pick(NAMES.assetClass);
  mapping.assetClass = assetColumn === null ? { fixed: 'stock' } : { column: assetColumn };
  const currencyColumn = pick(NAMES.currency);
  mapping.currency = currencyColumn === null ? null : { column: currencyColumn };
  const index = (header: string | undefined): number =>
    header === undefined ? -1 : headers.findIndex((h) => h.trim() === header);
  const firstDate =
    mapping.dateTime === undefined
      ? -1
      : index('column' in mapping.dateTime ? mapping.dateTime.column : mapping.dateTime.dateColumn);
  mapping.dateFormat = guessDateFormat(sampleRows.map((row) => (row[firstDate] ?? '').trim()).filter((v) => v !== ''));
  const priceIndex = index(mapping.price);
  mapping.decimalComma = sampleRows.some((row) => /^-?\d+,\d+$/.test((row[priceIndex] ?? '').trim()));
  // Without a side column the quantity's sign is the side; unsigned quantities would all read as buys.
  const quantityIndex = index(mapping.quantity);
  const signed = sampleRows.some((row) => /^\s*[-(]/.test(row[quantityIndex] ?? ''));
  if (mapping.sideColumn === null && mapping.quantity !== undefined && !signed) missing.push('side');
  return { mapping, missing };
}

function guessDateFormat(values: readonly string[]): GenericDateFormat {
  const first = values[0] ?? '';
  if (/^\d{13}$/.test(first)) return 'unix-milliseconds';
  if (/^\d{10}(?:\.\d+)?$/.test(first)) return 'unix-seconds';
  if (/^\d{8}(?!\d)/.test(first)) return 'YYYYMMDD';
  if (/^\d{1,2}\.\d{1,2}\.\d{2,4}/.test(first)) return 'DD.MM.YYYY';
  if (/^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}/.test(first)) {
    // Day-first only when some value could not be month-first (a first part above 12).
    return values.some((v) => Number(/^(\d{1,2})/.exec(v)?.[1] ?? 0) > 12) ? 'DD/MM/YYYY' : 'MM/DD/YYYY';
  }
  return 'YYYY-MM-DD';
}
