import type { Decimal } from '../../../shared/domain/types';

/**
 * Formatting of decimal strings for display. Intl.NumberFormat formats a numeric *string*
 * exactly (no trip through a binary float), so "12345678901234567.125" keeps every digit.
 */

type NumericString = `${number}`;

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** Decimal strings from the core are plain numbers; this only narrows the type for Intl. */
function asNumeric(value: Decimal): NumericString {
  return value.trim() as NumericString;
}

/** Money in its currency: "-$1,234.50", "€0.75". A zero never shows a minus sign. */
export function formatMoney(value: Decimal, currency: string, locale?: string): string {
  try {
    return numberFormat(locale, { style: 'currency', currency, signDisplay: 'negative' }).format(asNumeric(value));
  } catch {
    // An unknown currency code must not blank the table; show the amount with its code.
    return `${formatNumber(value, locale)} ${currency}`;
  }
}

/** Prices and quantities with grouping, keeping up to ten decimals: "4,521.25", "0.0125". */
export function formatNumber(value: Decimal, locale?: string): string {
  return numberFormat(locale, { maximumFractionDigits: 10, signDisplay: 'negative' }).format(asNumeric(value));
}

/**
 * A price for a table cell: averaged fills can carry many decimals ("21536.08333333"),
 * so prices of 1 or more keep up to five (enough for 1/32 ticks) and smaller ones up to
 * eight. Callers show the exact string where the trader can ask for it (a tooltip).
 */
export function formatPrice(value: Decimal, locale?: string): string {
  const integerPart = value.trim().replace(/^-/, '').split('.')[0] ?? '';
  const small = /^0*$/.test(integerPart);
  return numberFormat(locale, { maximumFractionDigits: small ? 8 : 5, signDisplay: 'negative' }).format(
    asNumeric(value),
  );
}

/** An R multiple to two places with its sign: "+1.25R", "-0.50R", "0.00R". */
export function formatR(value: Decimal, locale?: string): string {
  const text = numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  return `${text.format(asNumeric(value))}R`;
}

export type Tone = 'gain' | 'loss' | 'flat';

/** Whether an amount is a gain, a loss or nothing, read from the string itself. */
export function toneOf(value: Decimal): Tone {
  const text = value.trim();
  if (!/[1-9]/.test(text)) return 'flat';
  return text.startsWith('-') ? 'loss' : 'gain';
}
